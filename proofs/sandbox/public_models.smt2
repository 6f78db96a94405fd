; stargate-verify proof obligation
; policy file: sandbox.sg, line 322
; assertion: public_models (path)
; path internet -> litellm where path in /v1/models and header Authorization present
; (check-sat) answers sat exactly when the assertion is PROVED (a witness exists);
; unsat means it is refuted.
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
 (not (= |h0\|authorization| (_ bv0 3))))
(assert
 (let (($x80 (= path (_ bv8 4))))
 (or $x80)))
(assert
 (let (($x49 (or (and (bvuge port0 (_ bv1 17)) (bvule port0 (_ bv65535 17))) (bvuge port0 (_ bv65537 17)))))
 (=> reach0 (or (and $x49 (or (and (or (= port0 (_ bv443 17))) (or true))))))))
(assert
 (let (($x114 (or (and (bvuge src0 (_ bv169082880 32)) (bvule src0 (_ bv169148415 32))))))
 (let (($x103 (or (and (bvuge src0 (_ bv877920256 32)) (bvule src0 (_ bv878051327 32))))))
 (let (($x107 (or (= port0 (_ bv8080 17)))))
 (let (($x120 (or (and (or (= port0 (_ bv80 17))) $x103) (and $x107 $x103) (and $x107 $x114) (and (or (= port0 (_ bv9090 17))) $x114))))
 (let (($x49 (or (and (bvuge port0 (_ bv1 17)) (bvule port0 (_ bv65535 17))) (bvuge port0 (_ bv65537 17)))))
 (=> reach1 (or (and $x49 $x120)))))))))
(assert
 (let (($x155 (and false (or (and (bvuge src2 (_ bv169082880 32)) (bvule src2 (_ bv169148415 32)))))))
 (let (($x156 (or (and true (or (and (bvuge src2 (_ bv877920256 32)) (bvule src2 (_ bv878051327 32))))) (and false (or (and (bvuge src2 (_ bv877920256 32)) (bvule src2 (_ bv878051327 32))))) $x155 $x155)))
 (let (($x148 (or (and (bvuge src2 (_ bv877920256 32)) (bvule src2 (_ bv878051327 32))))))
 (let (($x61 (not (= |h0\|x-admin-secret| (_ bv3 3)))))
 (let (($x137 (or (= path (_ bv0 4)) (= path (_ bv1 4)) (= path (_ bv2 4)) (= path (_ bv3 4)))))
 (let (($x88 (or (= port0 (_ bv443 17)))))
 (let (($x144 (and $x88 (not |opaque\|ip_reputation|) (not |opaque\|common_rules|) (not |opaque\|known_bad_inputs|) (not |opaque\|bot_control|) (not |opaque\|rate_limit|) (not (and $x137 $x61)) (not (or (= path (_ bv4 4)))) true)))
 (=> reach2 (or (and $x144 $x148 $x156 reach0)))))))))))
(assert
 (let (($x178 (or (and true (or (and (bvuge src3 (_ bv169108736 32)) (bvule src3 (_ bv169109503 32))))) (and true (or (and (bvuge src3 (_ bv169082880 32)) (bvule src3 (_ bv169148415 32))))))))
 (let (($x171 (or (and (bvuge src3 (_ bv169108736 32)) (bvule src3 (_ bv169109503 32))))))
 (let (($x164 (not (or (= path (_ bv5 4))))))
 (let (($x97 (or (= port0 (_ bv80 17)))))
 (let (($x179 (and (and $x97 (not (not (= |h0\|x-origin-verify| (_ bv2 3)))) $x164 true) $x171 $x178 reach1)))
 (=> reach3 (or $x179))))))))
(assert
 (let (($x196 (or (and true (or (and (bvuge src4 (_ bv169108736 32)) (bvule src4 (_ bv169109503 32))))) (and true (or (and (bvuge src4 (_ bv169082880 32)) (bvule src4 (_ bv169148415 32))))))))
 (let (($x189 (or (and (bvuge src4 (_ bv169108736 32)) (bvule src4 (_ bv169109503 32))))))
 (let (($x164 (not (or (= path (_ bv5 4))))))
 (let (($x197 (and (and true (not (not (= (_ bv2 3) (_ bv2 3)))) $x164 true) $x189 $x196 reach2)))
 (=> reach4 (or $x197)))))))
(assert
 (let (($x78 (not (= |h0\|authorization| (_ bv4 3)))))
 (let (($x137 (or (= path (_ bv0 4)) (= path (_ bv1 4)) (= path (_ bv2 4)) (= path (_ bv3 4)))))
 (let (($x206 (and (or (= path (_ bv6 4)) (= path (_ bv7 4)) (= path (_ bv8 4))) (not (not (= |h0\|authorization| (_ bv0 3)))))))
 (let (($x211 (and (=> true (not (or $x206 (and $x137 $x78)))))))
 (or (and reach3 true $x211) (and reach4 true $x211)))))))
(check-sat)
