; stargate-verify proof obligation
; policy file: sandbox.sg, line 299
; assertion: langfuse_behind_cloudfront (via)
; every path internet -> langfuse via cloudfront
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
(declare-fun opaque.langfuse_login_missing () Bool)
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
 (let (($x112 (= src0 (_ bv19 5))))
 (let (($x92 (= port0 (_ bv14 5))))
 (let (($x114 (and $x92 $x112)))
 (let (($x113 (and (= port0 (_ bv2 5)) $x112)))
 (let (($x118 (or $x113 $x114 (and $x92 (and (bvuge src0 (_ bv2 5)) (bvule src0 (_ bv16 5)))) (and (= port0 (_ bv18 5)) (and (bvuge src0 (_ bv2 5)) (bvule src0 (_ bv16 5)))))))
 (let (($x61 (= port0 (_ bv21 5))))
 (let (($x62 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) $x61)))
 (let (($x106 (bvule src0 (_ bv26 5))))
 (let (($x119 (and (or (and $x106 $x62) (and (= src0 (_ bv27 5)) false)) $x118)))
 (=> reach0 $x119)))))))))))
(assert
 (let (($x103 (= src1 (_ bv15 5))))
 (let (($x96 (bvule src0 (_ bv16 5))))
 (let (($x97 (and (bvuge src0 (_ bv2 5)) $x96)))
 (let (($x78 (= h0.x-origin-verify (_ bv2 3))))
 (let (($x92 (= port0 (_ bv14 5))))
 (let (($x105 (and (and $x92 (not (not (or $x78 $x97))) true) $x103 (and true $x103) reach0)))
 (=> reach1 $x105))))))))
(assert
 (and reach1 true (=> true (not opaque.langfuse_login_missing))))
(check-sat)
