; stargate-verify proof obligation
; policy file: sandbox.sg, line 417
; assertion: victoria_scrapes_litellm_via_alb (path)
; path victoria -> litellm where port in 80 and path in /metrics/
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
(declare-fun src1 () (_ BitVec 32))
(declare-fun |opaque\|rate_limit| () Bool)
(declare-fun |opaque\|bot_control| () Bool)
(declare-fun |opaque\|known_bad_inputs| () Bool)
(declare-fun |opaque\|common_rules| () Bool)
(declare-fun |opaque\|ip_reputation| () Bool)
(declare-fun reach1 () Bool)
(declare-fun src2 () (_ BitVec 32))
(declare-fun reach2 () Bool)
(assert
 (or (and (bvuge src0 (_ bv169083136 32)) (bvule src0 (_ bv169083155 32))) (and (bvuge src0 (_ bv169083157 32)) (bvule src0 (_ bv169083165 32))) (and (bvuge src0 (_ bv169083167 32)) (bvule src0 (_ bv169083411 32))) (and (bvuge src0 (_ bv169083413 32)) (bvule src0 (_ bv169083421 32))) (and (bvuge src0 (_ bv169083423 32)) (bvule src0 (_ bv169083677 32))) (and (bvuge src0 (_ bv169083679 32)) (bvule src0 (_ bv169083903 32)))))
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
 (or (= path (_ bv10 4))))
(assert
 (let (($x93 (= port0 (_ bv80 17))))
 (or $x93)))
(assert
 (let (($x106 (and (or (= port0 (_ bv80 17)) (= port0 (_ bv443 17))) (or (and (or (= port0 (_ bv443 17))) (or true))))))
 (=> reach0 (or $x106))))
(assert
 (let (($x144 (and false (or (and (bvuge src1 (_ bv169082880 32)) (bvule src1 (_ bv169148415 32)))))))
 (let (($x145 (or (and true (or (and (bvuge src1 (_ bv877920256 32)) (bvule src1 (_ bv878051327 32))))) (and false (or (and (bvuge src1 (_ bv877920256 32)) (bvule src1 (_ bv878051327 32))))) $x144 $x144)))
 (let (($x135 (or (and (bvuge src1 (_ bv877920256 32)) (bvule src1 (_ bv878051327 32))))))
 (let (($x74 (not (= |h0\|x-admin-secret| (_ bv3 3)))))
 (let (($x122 (or (= path (_ bv0 4)) (= path (_ bv1 4)) (= path (_ bv2 4)) (= path (_ bv3 4)))))
 (let (($x100 (= port0 (_ bv443 17))))
 (let (($x102 (or $x100)))
 (let (($x129 (and $x102 (not |opaque\|ip_reputation|) (not |opaque\|common_rules|) (not |opaque\|known_bad_inputs|) (not |opaque\|bot_control|) (not |opaque\|rate_limit|) (not (and $x122 $x74)) (not (or (= path (_ bv4 4)))) true)))
 (=> reach1 (or (and $x129 $x135 $x145 reach0))))))))))))
(assert
 (let (($x169 (or (and true (or (and (bvuge src2 (_ bv169108736 32)) (bvule src2 (_ bv169109503 32))))) (and true (or (and (bvuge src2 (_ bv169082880 32)) (bvule src2 (_ bv169148415 32))))))))
 (let (($x162 (or (and (bvuge src2 (_ bv169108736 32)) (bvule src2 (_ bv169109503 32))))))
 (let (($x156 (and true (not (not (= (_ bv2 3) (_ bv2 3)))) (not (or (= path (_ bv5 4)))) true)))
 (=> reach2 (or (and $x156 $x162 $x169 reach1)))))))
(assert
 (let (($x91 (not (= |h0\|authorization| (_ bv4 3)))))
 (let (($x122 (or (= path (_ bv0 4)) (= path (_ bv1 4)) (= path (_ bv2 4)) (= path (_ bv3 4)))))
 (let (($x184 (and (or (= path (_ bv6 4)) (= path (_ bv7 4)) (= path (_ bv8 4))) (not (not (= |h0\|authorization| (_ bv0 3)))))))
 (let (($x190 (and reach2 true (and (=> true (not (or $x184 (and $x122 $x91))))))))
 (or $x190))))))
(check-sat)
