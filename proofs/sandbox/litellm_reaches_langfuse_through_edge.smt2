; stargate-verify proof obligation
; policy file: sandbox.sg, line 409
; assertion: litellm_reaches_langfuse_through_edge (path)
; path litellm -> langfuse where path in /langfuse/*
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
 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) (= port0 (_ bv21 5))))
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
 (= path (_ bv4 4)))
(assert
 (let (($x110 (and (or (= port0 (_ bv2 5)) (= port0 (_ bv4 5))) (and (= port0 (_ bv4 5)) (bvule src0 (_ bv26 5))))))
 (=> reach0 $x110)))
(assert
 (let (($x94 (or (and false (= src1 (_ bv19 5))) (and true (= src1 (_ bv19 5))) (and true (and (bvuge src1 (_ bv2 5)) (bvule src1 (_ bv16 5)))) (and false (and (bvuge src1 (_ bv2 5)) (bvule src1 (_ bv16 5)))))))
 (let (($x84 (= src1 (_ bv19 5))))
 (let (($x75 (= path (_ bv4 4))))
 (let (($x77 (= port0 (_ bv4 5))))
 (let (($x83 (and $x77 (not opaque.ip_reputation) (not opaque.common_rules) (not opaque.known_bad_inputs) (not opaque.bot_control) (not opaque.rate_limit) $x75)))
 (let (($x95 (and $x83 $x84 $x94 reach0)))
 (=> reach1 $x95))))))))
(assert
 (let (($x102 (= src2 (_ bv15 5))))
 (let (($x98 (not (or (= (_ bv2 3) (_ bv2 3)) (and (bvuge src1 (_ bv2 5)) (bvule src1 (_ bv16 5)))))))
 (let (($x104 (and (and true (not $x98) true) $x102 (and true $x102) reach1)))
 (=> reach2 $x104)))))
(assert
 (=> true (not opaque.langfuse_login_missing)))
(assert
 reach2)
(check-sat)
