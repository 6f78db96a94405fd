; stargate-verify proof obligation
; policy file: sandbox.sg, line 297
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
 (let (($x48 (= src0 (_ bv24 5))))
 (let (($x41 (= src0 (_ bv0 5))))
 (or $x41 (and (bvuge src0 (_ bv18 5)) (bvule src0 (_ bv22 5))) $x48 (and (bvuge src0 (_ bv26 5)) (bvule src0 (_ bv27 5)))))))
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
 (let (($x78 (= h0.x-origin-verify (_ bv2 3))))
 (not $x78)))
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
 (let (($x113 (= src0 (_ bv19 5))))
 (let (($x116 (= port0 (_ bv14 5))))
 (let (($x117 (and $x116 $x113)))
 (let (($x92 (= port0 (_ bv2 5))))
 (let (($x114 (and $x92 $x113)))
 (let (($x124 (or $x114 $x117 (and $x116 (and (bvuge src0 (_ bv2 5)) (bvule src0 (_ bv16 5)))) (and (= port0 (_ bv18 5)) (and (bvuge src0 (_ bv2 5)) (bvule src0 (_ bv16 5)))))))
 (let (($x61 (= port0 (_ bv21 5))))
 (let (($x62 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) $x61)))
 (let (($x108 (bvule src0 (_ bv26 5))))
 (let (($x125 (and (or (and $x108 $x62) (and (= src0 (_ bv27 5)) false)) $x124)))
 (=> reach0 $x125))))))))))))
(assert
 (let (($x106 (or (and true (= src1 (_ bv15 5))) (and true (and (bvuge src1 (_ bv2 5)) (bvule src1 (_ bv16 5)))))))
 (let (($x99 (= src1 (_ bv15 5))))
 (let (($x96 (not (= path (_ bv5 4)))))
 (let (($x92 (= port0 (_ bv2 5))))
 (let (($x107 (and (and $x92 (not (not (= h0.x-origin-verify (_ bv2 3)))) $x96 true) $x99 $x106 reach0)))
 (=> reach1 $x107)))))))
(assert
 (let (($x137 (and (and (bvuge path (_ bv6 4)) (bvule path (_ bv8 4))) (not (not (= h0.authorization (_ bv0 3)))))))
 (let (($x142 (not (or $x137 (and (bvule path (_ bv3 4)) (not (= h0.authorization (_ bv4 3))))))))
 (and reach1 true (=> true $x142)))))
(check-sat)
