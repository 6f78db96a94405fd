; stargate-verify proof obligation
; policy file: sandbox.sg, line 358
; assertion: port_9090_not_public (no_connection)
; no connection internet -> port 9090
; (check-sat) answers unsat exactly when the assertion is PROVED;
; sat means it is refuted (a counterexample exists).
; benchmark generated from rust API
(set-info :status unknown)
(declare-fun src0 () (_ BitVec 32))
(declare-fun port0 () (_ BitVec 17))
(declare-fun method () (_ BitVec 1))
(declare-fun path () (_ BitVec 4))
(declare-fun |h0\|x-admin-secret| () (_ BitVec 3))
(declare-fun |h0\|x-origin-verify| () (_ BitVec 3))
(declare-fun |h0\|authorization| () (_ BitVec 3))
(declare-fun reach0 () Bool)
(declare-fun reach1 () Bool)
(assert
 (or (bvule src0 (_ bv167772159 32)) (and (bvuge src0 (_ bv184549376 32)) (bvule src0 (_ bv2886729727 32))) (and (bvuge src0 (_ bv2887778304 32)) (bvule src0 (_ bv3232235519 32))) (bvuge src0 (_ bv3232301056 32))))
(assert
 (or (and (bvuge port0 (_ bv1 17)) (bvule port0 (_ bv65535 17))) (bvuge port0 (_ bv65537 17))))
(assert
 (bvult method (_ bv1 1)))
(assert
 (bvult path (_ bv12 4)))
(assert
 (bvult |h0\|x-admin-secret| (_ bv5 3)))
(assert
 (not (= |h0\|x-admin-secret| (_ bv2 3))))
(assert
 (not (= |h0\|x-admin-secret| (_ bv3 3))))
(assert
 (not (= |h0\|x-admin-secret| (_ bv4 3))))
(assert
 (bvult |h0\|x-origin-verify| (_ bv5 3)))
(assert
 (not (= |h0\|x-origin-verify| (_ bv2 3))))
(assert
 (not (= |h0\|x-origin-verify| (_ bv3 3))))
(assert
 (not (= |h0\|x-origin-verify| (_ bv4 3))))
(assert
 (bvult |h0\|authorization| (_ bv5 3)))
(assert
 (not (= |h0\|authorization| (_ bv2 3))))
(assert
 (not (= |h0\|authorization| (_ bv3 3))))
(assert
 (not (= |h0\|authorization| (_ bv4 3))))
(assert
 true)
(assert
 (let (($x43 (or (and (bvuge port0 (_ bv1 17)) (bvule port0 (_ bv65535 17))) (bvuge port0 (_ bv65537 17)))))
 (=> reach0 (or (and $x43 (or (and (or (= port0 (_ bv443 17))) (or true))))))))
(assert
 (let (($x101 (or (and (bvuge src0 (_ bv169082880 32)) (bvule src0 (_ bv169148415 32))))))
 (let (($x105 (or (= port0 (_ bv9090 17)))))
 (let (($x90 (or (and (bvuge src0 (_ bv877920256 32)) (bvule src0 (_ bv878051327 32))))))
 (let (($x94 (or (= port0 (_ bv8080 17)))))
 (let (($x107 (or (and (or (= port0 (_ bv80 17))) $x90) (and $x94 $x90) (and $x94 $x101) (and $x105 $x101))))
 (let (($x43 (or (and (bvuge port0 (_ bv1 17)) (bvule port0 (_ bv65535 17))) (bvuge port0 (_ bv65537 17)))))
 (=> reach1 (or (and $x43 $x107))))))))))
(assert
 (or (and reach0 (or (= port0 (_ bv9090 17)))) (and reach1 (or (= port0 (_ bv9090 17))))))
(check-sat)
