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
 (let (($x121 (and $x46 (and (= port0 (_ bv4 5)) (bvule src0 (_ bv26 5))))))
 (=> reach0 $x121))))
(assert
 (let (($x129 (or (and (= port0 (_ bv2 5)) (= src0 (_ bv19 5))) (and (= port0 (_ bv14 5)) (= src0 (_ bv19 5))) (and (= port0 (_ bv14 5)) (and (bvuge src0 (_ bv2 5)) (bvule src0 (_ bv16 5)))) (and (= port0 (_ bv18 5)) (and (bvuge src0 (_ bv2 5)) (bvule src0 (_ bv16 5)))))))
 (let (($x46 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) (= port0 (_ bv21 5)))))
 (let (($x130 (and $x46 $x129)))
 (=> reach1 $x130)))))
(assert
 (let (($x96 (or (and false (= src2 (_ bv19 5))) (and true (= src2 (_ bv19 5))) (and true (and (bvuge src2 (_ bv2 5)) (bvule src2 (_ bv16 5)))) (and false (and (bvuge src2 (_ bv2 5)) (bvule src2 (_ bv16 5)))))))
 (let (($x86 (= src2 (_ bv19 5))))
 (let (($x77 (= path (_ bv4 4))))
 (let (($x79 (= port0 (_ bv4 5))))
 (let (($x85 (and $x79 (not opaque.ip_reputation) (not opaque.common_rules) (not opaque.known_bad_inputs) (not opaque.bot_control) (not opaque.rate_limit) $x77)))
 (let (($x97 (and $x85 $x86 $x96 reach0)))
 (=> reach2 $x97))))))))
(assert
 (let (($x108 (= src3 (_ bv15 5))))
 (let (($x102 (and (bvuge src0 (_ bv2 5)) (bvule src0 (_ bv16 5)))))
 (let (($x63 (= h0.x-origin-verify (_ bv2 3))))
 (let (($x99 (= port0 (_ bv14 5))))
 (let (($x110 (and (and $x99 (not (not (or $x63 $x102))) true) $x108 (and true $x108) reach1)))
 (=> reach3 $x110)))))))
(assert
 (let (($x116 (= src4 (_ bv15 5))))
 (let (($x113 (not (or (= (_ bv2 3) (_ bv2 3)) (and (bvuge src2 (_ bv2 5)) (bvule src2 (_ bv16 5)))))))
 (let (($x118 (and (and true (not $x113) true) $x116 (and true $x116) reach2)))
 (=> reach4 $x118)))))
(assert
 (let (($x137 (=> true (not opaque.langfuse_login_missing))))
 (let (($x139 (and reach4 true $x137)))
 (let (($x138 (and reach3 true $x137)))
 (or $x138 $x139)))))
(check-sat)
