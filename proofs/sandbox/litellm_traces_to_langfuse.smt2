; stargate-verify proof obligation
; policy file: sandbox.sg, line 396
; assertion: litellm_traces_to_langfuse (path)
; path litellm -> langfuse where port in 8080
; (check-sat) answers sat exactly when the assertion is PROVED (a witness exists);
; unsat means it is refuted.
(set-logic QF_BV)
; benchmark generated from rust API
(set-info :status unknown)
(declare-fun src0 () (_ BitVec 5))
(declare-fun port0 () (_ BitVec 5))
(declare-fun method () (_ BitVec 1))
(declare-fun path () (_ BitVec 4))
(declare-fun h0.x-admin-secret () (_ BitVec 3))
(declare-fun h0.x-origin-verify () (_ BitVec 3))
(declare-fun h0.authorization () (_ BitVec 3))
(declare-fun reach0 () Bool)
(declare-fun src1 () (_ BitVec 5))
(declare-fun opaque.rate_limit () Bool)
(declare-fun opaque.bot_control () Bool)
(declare-fun opaque.known_bad_inputs () Bool)
(declare-fun opaque.common_rules () Bool)
(declare-fun opaque.ip_reputation () Bool)
(declare-fun reach1 () Bool)
(declare-fun src2 () (_ BitVec 5))
(declare-fun reach2 () Bool)
(declare-fun opaque.langfuse_login_missing () Bool)
(assert
 (or (= src0 (_ bv3 5)) (= src0 (_ bv5 5)) (= src0 (_ bv7 5)) (= src0 (_ bv9 5)) (= src0 (_ bv11 5)) (= src0 (_ bv13 5))))
(assert
 (let (($x61 (= port0 (_ bv21 5))))
 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) $x61)))
(assert
 (bvult method (_ bv1 1)))
(assert
 (bvult path (_ bv12 4)))
(assert
 (bvult h0.x-admin-secret (_ bv5 3)))
(assert
 (not (= h0.x-admin-secret (_ bv2 3))))
(assert
 (not (= h0.x-admin-secret (_ bv3 3))))
(assert
 (not (= h0.x-admin-secret (_ bv4 3))))
(assert
 (bvult h0.x-origin-verify (_ bv5 3)))
(assert
 (not (= h0.x-origin-verify (_ bv2 3))))
(assert
 (not (= h0.x-origin-verify (_ bv3 3))))
(assert
 (not (= h0.x-origin-verify (_ bv4 3))))
(assert
 (bvult h0.authorization (_ bv5 3)))
(assert
 (not (= h0.authorization (_ bv2 3))))
(assert
 (not (= h0.authorization (_ bv3 3))))
(assert
 (not (= h0.authorization (_ bv4 3))))
(assert
 (= port0 (_ bv14 5)))
(assert
 (let (($x94 (= port0 (_ bv4 5))))
 (let (($x125 (or (= port0 (_ bv2 5)) $x94)))
 (let (($x129 (and $x125 (and $x94 (bvule src0 (_ bv27 5))))))
 (=> reach0 $x129)))))
(assert
 (let (($x113 (or (and false (= src1 (_ bv19 5))) (and true (= src1 (_ bv19 5))) (and true (and (bvuge src1 (_ bv2 5)) (bvule src1 (_ bv16 5)))) (and false (and (bvuge src1 (_ bv2 5)) (bvule src1 (_ bv16 5)))))))
 (let (($x103 (= src1 (_ bv19 5))))
 (let (($x101 (= path (_ bv4 4))))
 (let (($x99 (not opaque.rate_limit)))
 (let (($x98 (not opaque.bot_control)))
 (let (($x97 (not opaque.known_bad_inputs)))
 (let (($x96 (not opaque.common_rules)))
 (let (($x95 (not opaque.ip_reputation)))
 (let (($x94 (= port0 (_ bv4 5))))
 (let (($x114 (and (and $x94 $x95 $x96 $x97 $x98 $x99 $x101) $x103 $x113 reach0)))
 (=> reach1 $x114))))))))))))
(assert
 (let (($x121 (= src2 (_ bv15 5))))
 (let (($x117 (not (or (= (_ bv2 3) (_ bv2 3)) (and (bvuge src1 (_ bv2 5)) (bvule src1 (_ bv16 5)))))))
 (let (($x123 (and (and true (not $x117) true) $x121 (and true $x121) reach1)))
 (=> reach2 $x123)))))
(assert
 (and reach2 true (=> true (not opaque.langfuse_login_missing))))
(check-sat)
