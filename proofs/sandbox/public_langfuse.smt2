; stargate-verify proof obligation
; policy file: sandbox.sg, line 326
; assertion: public_langfuse (path)
; path internet -> langfuse where path in /langfuse/*
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
(declare-fun reach1 () Bool)
(declare-fun src2 () (_ BitVec 5))
(declare-fun opaque.rate_limit () Bool)
(declare-fun opaque.bot_control () Bool)
(declare-fun opaque.known_bad_inputs () Bool)
(declare-fun opaque.common_rules () Bool)
(declare-fun opaque.ip_reputation () Bool)
(declare-fun reach2 () Bool)
(declare-fun src3 () (_ BitVec 5))
(declare-fun reach3 () Bool)
(declare-fun src4 () (_ BitVec 5))
(declare-fun reach4 () Bool)
(declare-fun opaque.langfuse_login_missing () Bool)
(assert
 (or (= src0 (_ bv0 5)) (and (bvuge src0 (_ bv18 5)) (bvule src0 (_ bv22 5))) (= src0 (_ bv24 5)) (= src0 (_ bv26 5))))
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
 (let (($x63 (= h0.x-origin-verify (_ bv2 3))))
 (not $x63)))
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
 (let (($x46 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) (= port0 (_ bv21 5)))))
 (=> reach0 (and $x46 (and (= port0 (_ bv4 5)) (bvule src0 (_ bv26 5)))))))
(assert
 (let (($x98 (or (and (= port0 (_ bv2 5)) (= src0 (_ bv19 5))) (and (= port0 (_ bv14 5)) (= src0 (_ bv19 5))) (and (= port0 (_ bv14 5)) (and (bvuge src0 (_ bv2 5)) (bvule src0 (_ bv16 5)))) (and (= port0 (_ bv18 5)) (and (bvuge src0 (_ bv2 5)) (bvule src0 (_ bv16 5)))))))
 (let (($x46 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) (= port0 (_ bv21 5)))))
 (=> reach1 (and $x46 $x98)))))
(assert
 (let (($x126 (or (and false (= src2 (_ bv19 5))) (and true (= src2 (_ bv19 5))) (and true (and (bvuge src2 (_ bv2 5)) (bvule src2 (_ bv16 5)))) (and false (and (bvuge src2 (_ bv2 5)) (bvule src2 (_ bv16 5)))))))
 (let (($x118 (= src2 (_ bv19 5))))
 (let (($x77 (= path (_ bv4 4))))
 (let (($x58 (not (= h0.x-admin-secret (_ bv3 3)))))
 (let (($x114 (or (= path (_ bv0 4)) (= path (_ bv1 4)) (= path (_ bv2 4)) (= path (_ bv3 4)))))
 (let (($x79 (= port0 (_ bv4 5))))
 (let (($x117 (and $x79 (not opaque.ip_reputation) (not opaque.common_rules) (not opaque.known_bad_inputs) (not opaque.bot_control) (not opaque.rate_limit) (not (and $x114 $x58)) $x77)))
 (=> reach2 (and $x117 $x118 $x126 reach0))))))))))
(assert
 (let (($x134 (= src3 (_ bv15 5))))
 (let (($x94 (and (bvuge src0 (_ bv2 5)) (bvule src0 (_ bv16 5)))))
 (let (($x63 (= h0.x-origin-verify (_ bv2 3))))
 (let (($x89 (= port0 (_ bv14 5))))
 (let (($x136 (and (and $x89 (not (not (or $x63 $x94))) true) $x134 (and true $x134) reach1)))
 (=> reach3 $x136)))))))
(assert
 (let (($x143 (= src4 (_ bv15 5))))
 (let (($x140 (not (or (= (_ bv2 3) (_ bv2 3)) (and (bvuge src2 (_ bv2 5)) (bvule src2 (_ bv16 5)))))))
 (=> reach4 (and (and true (not $x140) true) $x143 (and true $x143) reach2)))))
(assert
 (or (and reach3 true (=> true (not opaque.langfuse_login_missing))) (and reach4 true (=> true (not opaque.langfuse_login_missing)))))
(check-sat)
