; stargate-verify proof obligation
; policy file: sandbox.sg, line 323
; assertion: public_grafana (path)
; path internet -> grafana where path in /grafana/*
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
(declare-fun reach1 () Bool)
(declare-fun src2 () (_ BitVec 5))
(declare-fun opaque.rate_limit () Bool)
(declare-fun opaque.bot_control () Bool)
(declare-fun opaque.known_bad_inputs () Bool)
(declare-fun opaque.common_rules () Bool)
(declare-fun opaque.ip_reputation () Bool)
(declare-fun reach2 () Bool)
(declare-fun src3 () (_ BitVec 5))
(declare-fun reach3 () Bool)
(declare-fun src4 () (_ BitVec 5))
(declare-fun reach4 () Bool)
(declare-fun opaque.grafana_login_missing () Bool)
(assert
 (let (($x53 (= src0 (_ bv24 5))))
 (let (($x46 (= src0 (_ bv0 5))))
 (or $x46 (and (bvuge src0 (_ bv18 5)) (bvule src0 (_ bv22 5))) $x53 (and (bvuge src0 (_ bv26 5)) (bvule src0 (_ bv27 5)))))))
(assert
 (let (($x66 (= port0 (_ bv21 5))))
 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) $x66)))
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
 (let (($x83 (= h0.x-origin-verify (_ bv2 3))))
 (not $x83)))
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
 (= path (_ bv5 4)))
(assert
 (let (($x66 (= port0 (_ bv21 5))))
 (let (($x67 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) $x66)))
 (let (($x145 (bvule src0 (_ bv26 5))))
 (let (($x149 (or (and $x145 $x67) (and (= src0 (_ bv27 5)) false))))
 (let (($x151 (and $x149 (and (= port0 (_ bv4 5)) (bvule src0 (_ bv27 5))))))
 (=> reach0 $x151)))))))
(assert
 (let (($x152 (= src0 (_ bv19 5))))
 (let (($x155 (= port0 (_ bv14 5))))
 (let (($x156 (and $x155 $x152)))
 (let (($x131 (= port0 (_ bv2 5))))
 (let (($x153 (and $x131 $x152)))
 (let (($x163 (or $x153 $x156 (and $x155 (and (bvuge src0 (_ bv2 5)) (bvule src0 (_ bv16 5)))) (and (= port0 (_ bv18 5)) (and (bvuge src0 (_ bv2 5)) (bvule src0 (_ bv16 5)))))))
 (let (($x66 (= port0 (_ bv21 5))))
 (let (($x67 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) $x66)))
 (let (($x145 (bvule src0 (_ bv26 5))))
 (let (($x149 (or (and $x145 $x67) (and (= src0 (_ bv27 5)) false))))
 (let (($x164 (and $x149 $x163)))
 (=> reach1 $x164)))))))))))))
(assert
 (let (($x128 (and false (and (bvuge src2 (_ bv2 5)) (bvule src2 (_ bv16 5))))))
 (let (($x129 (or (and true (= src2 (_ bv19 5))) (and false (= src2 (_ bv19 5))) $x128 $x128)))
 (let (($x120 (= src2 (_ bv19 5))))
 (let (($x118 (not (= path (_ bv4 4)))))
 (let (($x78 (not (= h0.x-admin-secret (_ bv3 3)))))
 (let (($x113 (or (= path (_ bv0 4)) (= path (_ bv1 4)) (= path (_ bv2 4)) (= path (_ bv3 4)))))
 (let (($x115 (not (and $x113 $x78))))
 (let (($x104 (not opaque.rate_limit)))
 (let (($x103 (not opaque.bot_control)))
 (let (($x102 (not opaque.known_bad_inputs)))
 (let (($x101 (not opaque.common_rules)))
 (let (($x100 (not opaque.ip_reputation)))
 (let (($x99 (= port0 (_ bv4 5))))
 (let (($x130 (and (and $x99 $x100 $x101 $x102 $x103 $x104 $x115 $x118 true) $x120 $x129 reach0)))
 (=> reach2 $x130))))))))))))))))
(assert
 (let (($x135 (= src3 (_ bv15 5))))
 (let (($x97 (= path (_ bv5 4))))
 (let (($x131 (= port0 (_ bv2 5))))
 (let (($x137 (and (and $x131 (not (not (= h0.x-origin-verify (_ bv2 3)))) $x97) $x135 (and true $x135) reach1)))
 (=> reach3 $x137))))))
(assert
 (let (($x142 (= src4 (_ bv15 5))))
 (let (($x144 (and (and true (not (not (= (_ bv2 3) (_ bv2 3)))) (= path (_ bv5 4))) $x142 (and true $x142) reach2)))
 (=> reach4 $x144))))
(assert
 (let (($x171 (not (and (= path (_ bv5 4)) opaque.grafana_login_missing))))
 (let (($x172 (=> true $x171)))
 (let (($x174 (and reach4 true $x172)))
 (let (($x173 (and reach3 true $x172)))
 (or $x173 $x174))))))
(check-sat)
