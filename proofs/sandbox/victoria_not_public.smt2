; stargate-verify proof obligation
; policy file: sandbox.sg, line 351
; assertion: victoria_not_public (no_path)
; no path internet -> victoria
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
 (let (($x50 (= src0 (_ bv26 5))))
 (let (($x48 (= src0 (_ bv24 5))))
 (let (($x41 (= src0 (_ bv0 5))))
 (or $x41 (and (bvuge src0 (_ bv18 5)) (bvule src0 (_ bv22 5))) $x48 $x50)))))
(assert
 (let (($x58 (= port0 (_ bv21 5))))
 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) $x58)))
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
 (let (($x96 (= src0 (_ bv19 5))))
 (let (($x99 (= port0 (_ bv14 5))))
 (let (($x100 (and $x99 $x96)))
 (let (($x97 (and (= port0 (_ bv2 5)) $x96)))
 (let (($x107 (or $x97 $x100 (and $x99 (and (bvuge src0 (_ bv2 5)) (bvule src0 (_ bv16 5)))) (and (= port0 (_ bv18 5)) (and (bvuge src0 (_ bv2 5)) (bvule src0 (_ bv16 5)))))))
 (let (($x58 (= port0 (_ bv21 5))))
 (let (($x59 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) $x58)))
 (let (($x108 (and $x59 $x107)))
 (=> reach0 $x108))))))))))
(assert
 (let (($x91 (= src1 (_ bv15 5))))
 (let (($x93 (and (and (= port0 (_ bv18 5)) true) $x91 (and true $x91) reach0)))
 (=> reach1 $x93))))
(assert
 (and reach1 true true))
(check-sat)
