; stargate-verify proof obligation
; policy file: sandbox.sg, line 370
; assertion: internet_to_litellm_encrypted (encrypted)
; every path internet -> litellm encrypted
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
(declare-fun src2 () (_ BitVec 32))
(declare-fun |opaque\|rate_limit| () Bool)
(declare-fun |opaque\|bot_control| () Bool)
(declare-fun |opaque\|known_bad_inputs| () Bool)
(declare-fun |opaque\|common_rules| () Bool)
(declare-fun |opaque\|ip_reputation| () Bool)
(declare-fun reach2 () Bool)
(declare-fun src3 () (_ BitVec 32))
(declare-fun reach3 () Bool)
(declare-fun src4 () (_ BitVec 32))
(declare-fun reach4 () Bool)
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
 (let (($x49 (or (and (bvuge port0 (_ bv1 17)) (bvule port0 (_ bv65535 17))) (bvuge port0 (_ bv65537 17)))))
 (let (($x88 (and $x49 (and (or (and (or (= port0 (_ bv443 17))) (or true))) (not or)))))
 (=> reach0 (or $x88)))))
(assert
 (let (($x110 (or (and (bvuge src0 (_ bv169082880 32)) (bvule src0 (_ bv169148415 32))))))
 (let (($x99 (or (and (bvuge src0 (_ bv877920256 32)) (bvule src0 (_ bv878051327 32))))))
 (let (($x103 (or (= port0 (_ bv8080 17)))))
 (let (($x116 (or (and (or (= port0 (_ bv80 17))) $x99) (and $x103 $x99) (and $x103 $x110) (and (or (= port0 (_ bv9090 17))) $x110))))
 (let (($x49 (or (and (bvuge port0 (_ bv1 17)) (bvule port0 (_ bv65535 17))) (bvuge port0 (_ bv65537 17)))))
 (=> reach1 (or (and $x49 $x116)))))))))
(assert
 (let (($x151 (and false (or (and (bvuge src2 (_ bv169082880 32)) (bvule src2 (_ bv169148415 32)))))))
 (let (($x152 (or (and true (or (and (bvuge src2 (_ bv877920256 32)) (bvule src2 (_ bv878051327 32))))) (and false (or (and (bvuge src2 (_ bv877920256 32)) (bvule src2 (_ bv878051327 32))))) $x151 $x151)))
 (let (($x144 (or (and (bvuge src2 (_ bv877920256 32)) (bvule src2 (_ bv878051327 32))))))
 (let (($x61 (not (= |h0\|x-admin-secret| (_ bv3 3)))))
 (let (($x133 (or (= path (_ bv0 4)) (= path (_ bv1 4)) (= path (_ bv2 4)) (= path (_ bv3 4)))))
 (let (($x81 (or (= port0 (_ bv443 17)))))
 (let (($x140 (and $x81 (not |opaque\|ip_reputation|) (not |opaque\|common_rules|) (not |opaque\|known_bad_inputs|) (not |opaque\|bot_control|) (not |opaque\|rate_limit|) (not (and $x133 $x61)) (not (or (= path (_ bv4 4)))) true)))
 (=> reach2 (or (and $x140 $x144 $x152 reach0)))))))))))
(assert
 (let (($x174 (or (and true (or (and (bvuge src3 (_ bv169108736 32)) (bvule src3 (_ bv169109503 32))))) (and true (or (and (bvuge src3 (_ bv169082880 32)) (bvule src3 (_ bv169148415 32))))))))
 (let (($x167 (or (and (bvuge src3 (_ bv169108736 32)) (bvule src3 (_ bv169109503 32))))))
 (let (($x160 (not (or (= path (_ bv5 4))))))
 (let (($x93 (or (= port0 (_ bv80 17)))))
 (let (($x175 (and (and $x93 (not (not (= |h0\|x-origin-verify| (_ bv2 3)))) $x160 true) $x167 $x174 reach1)))
 (=> reach3 (or $x175))))))))
(assert
 (let (($x192 (or (and true (or (and (bvuge src4 (_ bv169108736 32)) (bvule src4 (_ bv169109503 32))))) (and true (or (and (bvuge src4 (_ bv169082880 32)) (bvule src4 (_ bv169148415 32))))))))
 (let (($x185 (or (and (bvuge src4 (_ bv169108736 32)) (bvule src4 (_ bv169109503 32))))))
 (let (($x160 (not (or (= path (_ bv5 4))))))
 (let (($x193 (and (and true (not (not (= (_ bv2 3) (_ bv2 3)))) $x160 true) $x185 $x192 reach2)))
 (=> reach4 (or $x193)))))))
(assert
 (let (($x78 (not (= |h0\|authorization| (_ bv4 3)))))
 (let (($x133 (or (= path (_ bv0 4)) (= path (_ bv1 4)) (= path (_ bv2 4)) (= path (_ bv3 4)))))
 (let (($x207 (and (or (= path (_ bv6 4)) (= path (_ bv7 4)) (= path (_ bv8 4))) (not (not (= |h0\|authorization| (_ bv0 3)))))))
 (let (($x212 (and (=> true (not (or $x207 (and $x133 $x78)))))))
 (or (and reach3 true $x212) (and reach4 true $x212)))))))
(check-sat)
