; stargate-verify proof obligation
; policy file: sandbox.sg, line 328
; assertion: admin_routes_reachable_by_admins (path)
; path admins -> litellm where path in [/key/*, /user/*, /model/*, /spend/*]
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
 (bvult |h0\|x-origin-verify| (_ bv5 3)))
(assert
 (not (= |h0\|x-origin-verify| (_ bv2 3))))
(assert
 (bvult |h0\|authorization| (_ bv5 3)))
(assert
 (not (= |h0\|authorization| (_ bv2 3))))
(assert
 (or (= path (_ bv0 4)) (= path (_ bv1 4)) (= path (_ bv2 4)) (= path (_ bv3 4))))
(assert
 (let (($x49 (or (and (bvuge port0 (_ bv1 17)) (bvule port0 (_ bv65535 17))) (bvuge port0 (_ bv65537 17)))))
 (=> reach0 (or (and $x49 (or (and (or (= port0 (_ bv443 17))) (or true))))))))
(assert
 (let (($x102 (or (and (bvuge src0 (_ bv169082880 32)) (bvule src0 (_ bv169148415 32))))))
 (let (($x91 (or (and (bvuge src0 (_ bv877920256 32)) (bvule src0 (_ bv878051327 32))))))
 (let (($x95 (or (= port0 (_ bv8080 17)))))
 (let (($x108 (or (and (or (= port0 (_ bv80 17))) $x91) (and $x95 $x91) (and $x95 $x102) (and (or (= port0 (_ bv9090 17))) $x102))))
 (let (($x49 (or (and (bvuge port0 (_ bv1 17)) (bvule port0 (_ bv65535 17))) (bvuge port0 (_ bv65537 17)))))
 (=> reach1 (or (and $x49 $x108)))))))))
(assert
 (let (($x137 (and false (or (and (bvuge src2 (_ bv169082880 32)) (bvule src2 (_ bv169148415 32)))))))
 (let (($x138 (or (and true (or (and (bvuge src2 (_ bv877920256 32)) (bvule src2 (_ bv878051327 32))))) (and false (or (and (bvuge src2 (_ bv877920256 32)) (bvule src2 (_ bv878051327 32))))) $x137 $x137)))
 (let (($x130 (or (and (bvuge src2 (_ bv877920256 32)) (bvule src2 (_ bv878051327 32))))))
 (let (($x73 (or (= path (_ bv0 4)) (= path (_ bv1 4)) (= path (_ bv2 4)) (= path (_ bv3 4)))))
 (let (($x76 (or (= port0 (_ bv443 17)))))
 (let (($x126 (and $x76 (not |opaque\|ip_reputation|) (not |opaque\|common_rules|) (not |opaque\|known_bad_inputs|) (not |opaque\|bot_control|) (not |opaque\|rate_limit|) (not (and $x73 (not (= |h0\|x-admin-secret| (_ bv3 3))))) (not (or (= path (_ bv4 4)))) true)))
 (=> reach2 (or (and $x126 $x130 $x138 reach0))))))))))
(assert
 (let (($x160 (or (and true (or (and (bvuge src3 (_ bv169108736 32)) (bvule src3 (_ bv169109503 32))))) (and true (or (and (bvuge src3 (_ bv169082880 32)) (bvule src3 (_ bv169148415 32))))))))
 (let (($x153 (or (and (bvuge src3 (_ bv169108736 32)) (bvule src3 (_ bv169109503 32))))))
 (let (($x146 (not (or (= path (_ bv5 4))))))
 (let (($x85 (or (= port0 (_ bv80 17)))))
 (let (($x161 (and (and $x85 (not (not (= |h0\|x-origin-verify| (_ bv2 3)))) $x146 true) $x153 $x160 reach1)))
 (=> reach3 (or $x161))))))))
(assert
 (let (($x178 (or (and true (or (and (bvuge src4 (_ bv169108736 32)) (bvule src4 (_ bv169109503 32))))) (and true (or (and (bvuge src4 (_ bv169082880 32)) (bvule src4 (_ bv169148415 32))))))))
 (let (($x171 (or (and (bvuge src4 (_ bv169108736 32)) (bvule src4 (_ bv169109503 32))))))
 (let (($x146 (not (or (= path (_ bv5 4))))))
 (let (($x179 (and (and true (not (not (= (_ bv2 3) (_ bv2 3)))) $x146 true) $x171 $x178 reach2)))
 (=> reach4 (or $x179)))))))
(assert
 (let (($x73 (or (= path (_ bv0 4)) (= path (_ bv1 4)) (= path (_ bv2 4)) (= path (_ bv3 4)))))
 (let (($x193 (and (or (= path (_ bv6 4)) (= path (_ bv7 4)) (= path (_ bv8 4))) (not (not (= |h0\|authorization| (_ bv0 3)))))))
 (let (($x200 (=> true (not (or $x193 (and $x73 (not (= |h0\|authorization| (_ bv4 3)))))))))
 (let (($x201 (and $x200)))
 (or (and reach3 true $x201) (and reach4 true $x201)))))))
(check-sat)
