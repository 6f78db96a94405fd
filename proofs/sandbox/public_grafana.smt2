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
 (let (($x138 (bvule src0 (_ bv26 5))))
 (let (($x142 (or (and $x138 $x67) (and (= src0 (_ bv27 5)) false))))
 (let (($x144 (and $x142 (and (= port0 (_ bv4 5)) (bvule src0 (_ bv27 5))))))
 (=> reach0 $x144)))))))
(assert
 (let (($x145 (= src0 (_ bv19 5))))
 (let (($x148 (= port0 (_ bv14 5))))
 (let (($x149 (and $x148 $x145)))
 (let (($x124 (= port0 (_ bv2 5))))
 (let (($x146 (and $x124 $x145)))
 (let (($x156 (or $x146 $x149 (and $x148 (and (bvuge src0 (_ bv2 5)) (bvule src0 (_ bv16 5)))) (and (= port0 (_ bv18 5)) (and (bvuge src0 (_ bv2 5)) (bvule src0 (_ bv16 5)))))))
 (let (($x66 (= port0 (_ bv21 5))))
 (let (($x67 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) $x66)))
 (let (($x138 (bvule src0 (_ bv26 5))))
 (let (($x142 (or (and $x138 $x67) (and (= src0 (_ bv27 5)) false))))
 (let (($x157 (and $x142 $x156)))
 (=> reach1 $x157)))))))))))))
(assert
 (let (($x121 (and false (and (bvuge src2 (_ bv2 5)) (bvule src2 (_ bv16 5))))))
 (let (($x122 (or (and true (= src2 (_ bv19 5))) (and false (= src2 (_ bv19 5))) $x121 $x121)))
 (let (($x113 (= src2 (_ bv19 5))))
 (let (($x111 (not (= path (_ bv4 4)))))
 (let (($x104 (not opaque.rate_limit)))
 (let (($x103 (not opaque.bot_control)))
 (let (($x102 (not opaque.known_bad_inputs)))
 (let (($x101 (not opaque.common_rules)))
 (let (($x100 (not opaque.ip_reputation)))
 (let (($x99 (= port0 (_ bv4 5))))
 (let (($x112 (and $x99 $x100 $x101 $x102 $x103 $x104 (not (and (bvule path (_ bv3 4)) (not (= h0.x-admin-secret (_ bv3 3))))) $x111 true)))
 (let (($x123 (and $x112 $x113 $x122 reach0)))
 (=> reach2 $x123))))))))))))))
(assert
 (let (($x128 (= src3 (_ bv15 5))))
 (let (($x97 (= path (_ bv5 4))))
 (let (($x124 (= port0 (_ bv2 5))))
 (let (($x130 (and (and $x124 (not (not (= h0.x-origin-verify (_ bv2 3)))) $x97) $x128 (and true $x128) reach1)))
 (=> reach3 $x130))))))
(assert
 (let (($x135 (= src4 (_ bv15 5))))
 (let (($x137 (and (and true (not (not (= (_ bv2 3) (_ bv2 3)))) (= path (_ bv5 4))) $x135 (and true $x135) reach2)))
 (=> reach4 $x137))))
(assert
 (let (($x164 (not (and (= path (_ bv5 4)) opaque.grafana_login_missing))))
 (let (($x165 (=> true $x164)))
 (let (($x167 (and reach4 true $x165)))
 (let (($x166 (and reach3 true $x165)))
 (or $x166 $x167))))))
(check-sat)
