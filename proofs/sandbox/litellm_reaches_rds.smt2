; stargate-verify proof obligation
; policy file: sandbox.sg, line 377
; assertion: litellm_reaches_rds (path)
; path litellm -> rds
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
(assert
 (or (= src0 (_ bv3 5)) (= src0 (_ bv5 5)) (= src0 (_ bv7 5)) (= src0 (_ bv9 5)) (= src0 (_ bv11 5)) (= src0 (_ bv13 5))))
(assert
 (let (($x57 (= port0 (_ bv21 5))))
 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) $x57)))
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
 (let (($x94 (= port0 (_ bv12 5))))
 (let (($x95 (or (= port0 (_ bv2 5)) (= port0 (_ bv4 5)) (= port0 (_ bv6 5)) $x94)))
 (let (($x101 (and $x95 (and $x94 (and (bvuge src0 (_ bv2 5)) (bvule src0 (_ bv16 5)))))))
 (=> reach0 $x101)))))
(assert
 (let (($x57 (= port0 (_ bv21 5))))
 (let (($x58 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) $x57)))
 (and reach0 $x58 true))))
(check-sat)
