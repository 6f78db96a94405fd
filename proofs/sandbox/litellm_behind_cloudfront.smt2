; stargate-verify proof obligation
; policy file: sandbox.sg, line 299
; assertion: litellm_behind_cloudfront (via)
; every path internet -> litellm via cloudfront
; (check-sat) answers unsat exactly when the assertion is PROVED;
; sat means it is refuted (a counterexample exists).
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
(declare-fun reach1 () Bool)
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
 true)
(assert
 (let (($x99 (or (and (= port0 (_ bv2 5)) (= src0 (_ bv19 5))) (and (= port0 (_ bv14 5)) (= src0 (_ bv19 5))) (and (= port0 (_ bv14 5)) (and (bvuge src0 (_ bv2 5)) (bvule src0 (_ bv16 5)))) (and (= port0 (_ bv18 5)) (and (bvuge src0 (_ bv2 5)) (bvule src0 (_ bv16 5)))))))
 (let (($x41 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) (= port0 (_ bv21 5)))))
 (let (($x100 (and $x41 $x99)))
 (=> reach0 $x100)))))
(assert
 (let (($x86 (or (and true (= src1 (_ bv15 5))) (and true (and (bvuge src1 (_ bv2 5)) (bvule src1 (_ bv16 5)))))))
 (let (($x79 (= src1 (_ bv15 5))))
 (let (($x72 (= port0 (_ bv2 5))))
 (let (($x77 (and $x72 (not (not (= h0.x-origin-verify (_ bv2 3)))) (not (= path (_ bv5 4))) true)))
 (let (($x87 (and $x77 $x79 $x86 reach0)))
 (=> reach1 $x87)))))))
(assert
 (let (($x70 (not (= h0.authorization (_ bv4 3)))))
 (let (($x123 (or (= path (_ bv0 4)) (= path (_ bv1 4)) (= path (_ bv2 4)) (= path (_ bv3 4)))))
 (let (($x114 (and (or (= path (_ bv6 4)) (= path (_ bv7 4)) (= path (_ bv8 4))) (not (not (= h0.authorization (_ bv0 3)))))))
 (=> true (not (or $x114 (and $x123 $x70))))))))
(assert
 reach1)
(check-sat)
