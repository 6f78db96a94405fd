; stargate-verify proof obligation
; policy file: sandbox.sg, line 306
; assertion: direct_alb_access_denied (no_path)
; no path internet -> alb where not port in 443
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
 (let (($x64 (= |h0\|x-origin-verify| (_ bv2 3))))
 (not $x64)))
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
 (let (($x79 (or (= port0 (_ bv443 17)))))
 (not $x79)))
(assert
 (let (($x47 (or (and (bvuge port0 (_ bv1 17)) (bvule port0 (_ bv65535 17))) (bvuge port0 (_ bv65537 17)))))
 (=> reach0 (or (and $x47 (or (and (or (= port0 (_ bv443 17))) (or true))))))))
(assert
 (let (($x106 (or (and (bvuge src0 (_ bv169082880 32)) (bvule src0 (_ bv169148415 32))))))
 (let (($x110 (or (= port0 (_ bv9090 17)))))
 (let (($x95 (or (and (bvuge src0 (_ bv877920256 32)) (bvule src0 (_ bv878051327 32))))))
 (let (($x99 (or (= port0 (_ bv8080 17)))))
 (let (($x112 (or (and (or (= port0 (_ bv80 17))) $x95) (and $x99 $x95) (and $x99 $x106) (and $x110 $x106))))
 (let (($x47 (or (and (bvuge port0 (_ bv1 17)) (bvule port0 (_ bv65535 17))) (bvuge port0 (_ bv65537 17)))))
 (=> reach1 (or (and $x47 $x112))))))))))
(assert
 (let (($x148 (or (and false (or (and (bvuge src2 (_ bv877920256 32)) (bvule src2 (_ bv878051327 32))))) (and true (or (and (bvuge src2 (_ bv877920256 32)) (bvule src2 (_ bv878051327 32))))) (and true (or (and (bvuge src2 (_ bv169082880 32)) (bvule src2 (_ bv169148415 32))))) (and false (or (and (bvuge src2 (_ bv169082880 32)) (bvule src2 (_ bv169148415 32))))))))
 (let (($x139 (or (and (bvuge src2 (_ bv877920256 32)) (bvule src2 (_ bv878051327 32))))))
 (let (($x134 (or (= path (_ bv4 4)))))
 (let (($x59 (not (= |h0\|x-admin-secret| (_ bv3 3)))))
 (let (($x129 (or (= path (_ bv0 4)) (= path (_ bv1 4)) (= path (_ bv2 4)) (= path (_ bv3 4)))))
 (let (($x131 (not (and $x129 $x59))))
 (let (($x120 (not |opaque\|rate_limit|)))
 (let (($x119 (not |opaque\|bot_control|)))
 (let (($x118 (not |opaque\|known_bad_inputs|)))
 (let (($x117 (not |opaque\|common_rules|)))
 (let (($x116 (not |opaque\|ip_reputation|)))
 (let (($x79 (or (= port0 (_ bv443 17)))))
 (let (($x149 (and (and $x79 $x116 $x117 $x118 $x119 $x120 $x131 $x134) $x139 $x148 reach0)))
 (=> reach2 (or $x149))))))))))))))))
(assert
 (let (($x163 (or (and (bvuge src3 (_ bv169082880 32)) (bvule src3 (_ bv169148415 32))))))
 (let (($x164 (and false $x163)))
 (let (($x165 (or (and true (or (and (bvuge src3 (_ bv877920256 32)) (bvule src3 (_ bv878051327 32))))) (and false (or (and (bvuge src3 (_ bv877920256 32)) (bvule src3 (_ bv878051327 32))))) $x164 $x164)))
 (let (($x157 (or (and (bvuge src3 (_ bv877920256 32)) (bvule src3 (_ bv878051327 32))))))
 (let (($x59 (not (= |h0\|x-admin-secret| (_ bv3 3)))))
 (let (($x129 (or (= path (_ bv0 4)) (= path (_ bv1 4)) (= path (_ bv2 4)) (= path (_ bv3 4)))))
 (let (($x131 (not (and $x129 $x59))))
 (let (($x120 (not |opaque\|rate_limit|)))
 (let (($x119 (not |opaque\|bot_control|)))
 (let (($x118 (not |opaque\|known_bad_inputs|)))
 (let (($x117 (not |opaque\|common_rules|)))
 (let (($x116 (not |opaque\|ip_reputation|)))
 (let (($x79 (or (= port0 (_ bv443 17)))))
 (let (($x153 (and $x79 $x116 $x117 $x118 $x119 $x120 $x131 (not (or (= path (_ bv4 4)))) true)))
 (=> reach3 (or (and $x153 $x157 $x165 reach0))))))))))))))))))
(assert
 (let (($x192 (and false true)))
 (let (($x163 (or (and (bvuge src3 (_ bv169082880 32)) (bvule src3 (_ bv169148415 32))))))
 (let (($x183 (= (_ bv2 3) (_ bv2 3))))
 (let (($x201 (or (and true (not (not $x183)) (or (= path (_ bv5 4)))) (and true (not (not $x183)) (not (or (= path (_ bv5 4)))) true) (and false (not (not (or $x183 $x163))) true) $x192)))
 (let (($x190 (not (not (or $x183 (or (and (bvuge src2 (_ bv169082880 32)) (bvule src2 (_ bv169148415 32)))))))))
 (let (($x193 (or (and false (not (not $x183)) (or (= path (_ bv5 4)))) (and false (not (not $x183)) (not (or (= path (_ bv5 4)))) true) (and true $x190 true) $x192)))
 (let (($x106 (or (and (bvuge src0 (_ bv169082880 32)) (bvule src0 (_ bv169148415 32))))))
 (let (($x64 (= |h0\|x-origin-verify| (_ bv2 3))))
 (let (($x99 (or (= port0 (_ bv8080 17)))))
 (let (($x172 (or (= path (_ bv5 4)))))
 (let (($x174 (not $x172)))
 (let (($x65 (not $x64)))
 (let (($x169 (not $x65)))
 (let (($x89 (or (= port0 (_ bv80 17)))))
 (let (($x181 (or (and $x89 $x169 $x172) (and $x89 $x169 $x174 true) (and $x99 (not (not (or $x64 $x106))) true) (and (or (= port0 (_ bv9090 17))) true))))
 (let (($x47 (or (and (bvuge port0 (_ bv1 17)) (bvule port0 (_ bv65535 17))) (bvuge port0 (_ bv65537 17)))))
 (or (and reach1 $x47 $x181) (and reach2 true $x193) (and reach3 true $x201)))))))))))))))))))
(check-sat)
