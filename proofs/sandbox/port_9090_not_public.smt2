; stargate-verify proof obligation
; policy file: sandbox.sg, line 352
; assertion: port_9090_not_public (no_connection)
; no connection internet -> port 9090
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
(declare-fun reach1 () Bool)
(assert
 (let (($x49 (= src0 (_ bv26 5))))
 (let (($x47 (= src0 (_ bv24 5))))
 (let (($x40 (= src0 (_ bv0 5))))
 (or $x40 (and (bvuge src0 (_ bv18 5)) (bvule src0 (_ bv22 5))) $x47 $x49)))))
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
 (let (($x57 (= port0 (_ bv21 5))))
 (let (($x58 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) $x57)))
 (let (($x91 (and $x58 (and (= port0 (_ bv4 5)) (bvule src0 (_ bv26 5))))))
 (=> reach0 $x91)))))
(assert
 (let (($x94 (= src0 (_ bv19 5))))
 (let (($x97 (= port0 (_ bv14 5))))
 (let (($x98 (and $x97 $x94)))
 (let (($x95 (and (= port0 (_ bv2 5)) $x94)))
 (let (($x106 (or $x95 $x98 (and $x97 (and (bvuge src0 (_ bv2 5)) (bvule src0 (_ bv16 5)))) (and (= port0 (_ bv18 5)) (and (bvuge src0 (_ bv2 5)) (bvule src0 (_ bv16 5)))))))
 (let (($x57 (= port0 (_ bv21 5))))
 (let (($x58 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) $x57)))
 (let (($x107 (and $x58 $x106)))
 (=> reach1 $x107))))))))))
(assert
 (let (($x104 (= port0 (_ bv18 5))))
 (let (($x111 (and reach1 $x104)))
 (let (($x110 (and reach0 $x104)))
 (or $x110 $x111)))))
(check-sat)
