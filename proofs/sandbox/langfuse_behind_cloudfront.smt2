; stargate-verify proof obligation
; policy file: sandbox.sg, line 301
; assertion: langfuse_behind_cloudfront (via)
; every path internet -> langfuse via cloudfront
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
(declare-fun src1 () (_ BitVec 32))
(declare-fun reach1 () Bool)
(declare-fun |opaque\|langfuse_login_missing| () Bool)
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
 (let (($x61 (= |h0\|x-origin-verify| (_ bv2 3))))
 (not $x61)))
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
 (let (($x93 (or (and (bvuge src0 (_ bv169082880 32)) (bvule src0 (_ bv169148415 32))))))
 (let (($x82 (or (and (bvuge src0 (_ bv877920256 32)) (bvule src0 (_ bv878051327 32))))))
 (let (($x86 (or (= port0 (_ bv8080 17)))))
 (let (($x99 (or (and (or (= port0 (_ bv80 17))) $x82) (and $x86 $x82) (and $x86 $x93) (and (or (= port0 (_ bv9090 17))) $x93))))
 (let (($x44 (or (and (bvuge port0 (_ bv1 17)) (bvule port0 (_ bv65535 17))) (bvuge port0 (_ bv65537 17)))))
 (=> reach0 (or (and $x44 $x99)))))))))
(assert
 (let (($x112 (or (and (bvuge src1 (_ bv169108736 32)) (bvule src1 (_ bv169109503 32))))))
 (let (($x93 (or (and (bvuge src0 (_ bv169082880 32)) (bvule src0 (_ bv169148415 32))))))
 (let (($x61 (= |h0\|x-origin-verify| (_ bv2 3))))
 (let (($x86 (or (= port0 (_ bv8080 17)))))
 (let (($x115 (and (and $x86 (not (not (or $x61 $x93))) true) $x112 (or (and true $x112)) reach0)))
 (=> reach1 (or $x115))))))))
(assert
 (let (($x122 (and reach1 true (and (=> true (not (or |opaque\|langfuse_login_missing|)))))))
 (or $x122)))
(check-sat)
