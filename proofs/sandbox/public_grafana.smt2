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
 (let (($x55 (= src0 (_ bv26 5))))
 (let (($x53 (= src0 (_ bv24 5))))
 (let (($x46 (= src0 (_ bv0 5))))
 (or $x46 (and (bvuge src0 (_ bv18 5)) (bvule src0 (_ bv22 5))) $x53 $x55)))))
(assert
 (let (($x63 (= port0 (_ bv21 5))))
 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) $x63)))
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
 (let (($x80 (= h0.x-origin-verify (_ bv2 3))))
 (not $x80)))
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
 (let (($x63 (= port0 (_ bv21 5))))
 (let (($x64 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) $x63)))
 (let (($x144 (and $x64 (and (= port0 (_ bv4 5)) (bvule src0 (_ bv26 5))))))
 (=> reach0 $x144)))))
(assert
 (let (($x145 (= src0 (_ bv19 5))))
 (let (($x148 (= port0 (_ bv14 5))))
 (let (($x149 (and $x148 $x145)))
 (let (($x128 (= port0 (_ bv2 5))))
 (let (($x146 (and $x128 $x145)))
 (let (($x156 (or $x146 $x149 (and $x148 (and (bvuge src0 (_ bv2 5)) (bvule src0 (_ bv16 5)))) (and (= port0 (_ bv18 5)) (and (bvuge src0 (_ bv2 5)) (bvule src0 (_ bv16 5)))))))
 (let (($x63 (= port0 (_ bv21 5))))
 (let (($x64 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) $x63)))
 (let (($x157 (and $x64 $x156)))
 (=> reach1 $x157)))))))))))
(assert
 (let (($x125 (and false (and (bvuge src2 (_ bv2 5)) (bvule src2 (_ bv16 5))))))
 (let (($x126 (or (and true (= src2 (_ bv19 5))) (and false (= src2 (_ bv19 5))) $x125 $x125)))
 (let (($x117 (= src2 (_ bv19 5))))
 (let (($x115 (not (= path (_ bv4 4)))))
 (let (($x75 (not (= h0.x-admin-secret (_ bv3 3)))))
 (let (($x110 (or (= path (_ bv0 4)) (= path (_ bv1 4)) (= path (_ bv2 4)) (= path (_ bv3 4)))))
 (let (($x112 (not (and $x110 $x75))))
 (let (($x101 (not opaque.rate_limit)))
 (let (($x100 (not opaque.bot_control)))
 (let (($x99 (not opaque.known_bad_inputs)))
 (let (($x98 (not opaque.common_rules)))
 (let (($x97 (not opaque.ip_reputation)))
 (let (($x96 (= port0 (_ bv4 5))))
 (let (($x127 (and (and $x96 $x97 $x98 $x99 $x100 $x101 $x112 $x115 true) $x117 $x126 reach0)))
 (=> reach2 $x127))))))))))))))))
(assert
 (let (($x132 (= src3 (_ bv15 5))))
 (let (($x94 (= path (_ bv5 4))))
 (let (($x128 (= port0 (_ bv2 5))))
 (let (($x134 (and (and $x128 (not (not (= h0.x-origin-verify (_ bv2 3)))) $x94) $x132 (and true $x132) reach1)))
 (=> reach3 $x134))))))
(assert
 (let (($x139 (= src4 (_ bv15 5))))
 (let (($x141 (and (and true (not (not (= (_ bv2 3) (_ bv2 3)))) (= path (_ bv5 4))) $x139 (and true $x139) reach2)))
 (=> reach4 $x141))))
(assert
 (let (($x164 (not (and (= path (_ bv5 4)) opaque.grafana_login_missing))))
 (let (($x165 (=> true $x164)))
 (let (($x167 (and reach4 true $x165)))
 (let (($x166 (and reach3 true $x165)))
 (or $x166 $x167))))))
(check-sat)
