; stargate-verify proof obligation
; policy file: sandbox.sg, line 315
; assertion: alb_sg_blocks_direct_connections (no_connection)
; no connection internet -> alb where not port in 443
; (check-sat) answers unsat exactly when the assertion is PROVED;
; sat means it is refuted (a counterexample exists).
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
(assert
 (let (($x53 (= src0 (_ bv26 5))))
 (let (($x51 (= src0 (_ bv24 5))))
 (let (($x44 (= src0 (_ bv0 5))))
 (or $x44 (and (bvuge src0 (_ bv18 5)) (bvule src0 (_ bv22 5))) $x51 $x53)))))
(assert
 (let (($x61 (= port0 (_ bv21 5))))
 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) $x61)))
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
 (not (= h0.x-origin-verify (_ bv2 3))))
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
 (let (($x92 (= port0 (_ bv4 5))))
 (not $x92)))
(assert
 (let (($x61 (= port0 (_ bv21 5))))
 (let (($x62 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) $x61)))
 (let (($x138 (and $x62 (and (= port0 (_ bv4 5)) (bvule src0 (_ bv26 5))))))
 (=> reach0 $x138)))))
(assert
 (let (($x140 (= src0 (_ bv19 5))))
 (let (($x143 (= port0 (_ bv14 5))))
 (let (($x144 (and $x143 $x140)))
 (let (($x141 (and (= port0 (_ bv2 5)) $x140)))
 (let (($x151 (or $x141 $x144 (and $x143 (and (bvuge src0 (_ bv2 5)) (bvule src0 (_ bv16 5)))) (and (= port0 (_ bv18 5)) (and (bvuge src0 (_ bv2 5)) (bvule src0 (_ bv16 5)))))))
 (let (($x61 (= port0 (_ bv21 5))))
 (let (($x62 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) $x61)))
 (let (($x152 (and $x62 $x151)))
 (=> reach1 $x152))))))))))
(assert
 (let (($x112 (or (and false (= src2 (_ bv19 5))) (and true (= src2 (_ bv19 5))) (and true (and (bvuge src2 (_ bv2 5)) (bvule src2 (_ bv16 5)))) (and false (and (bvuge src2 (_ bv2 5)) (bvule src2 (_ bv16 5)))))))
 (let (($x102 (= src2 (_ bv19 5))))
 (let (($x100 (= path (_ bv4 4))))
 (let (($x98 (not opaque.rate_limit)))
 (let (($x97 (not opaque.bot_control)))
 (let (($x96 (not opaque.known_bad_inputs)))
 (let (($x95 (not opaque.common_rules)))
 (let (($x94 (not opaque.ip_reputation)))
 (let (($x92 (= port0 (_ bv4 5))))
 (let (($x113 (and (and $x92 $x94 $x95 $x96 $x97 $x98 $x100) $x102 $x112 reach0)))
 (=> reach2 $x113))))))))))))
(assert
 (let (($x133 (and false (and (bvuge src3 (_ bv2 5)) (bvule src3 (_ bv16 5))))))
 (let (($x134 (or (and true (= src3 (_ bv19 5))) (and false (= src3 (_ bv19 5))) $x133 $x133)))
 (let (($x127 (= src3 (_ bv19 5))))
 (let (($x100 (= path (_ bv4 4))))
 (let (($x125 (not $x100)))
 (let (($x73 (not (= h0.x-admin-secret (_ bv3 3)))))
 (let (($x122 (or (= path (_ bv0 4)) (= path (_ bv1 4)) (= path (_ bv2 4)) (= path (_ bv3 4)))))
 (let (($x124 (not (and $x122 $x73))))
 (let (($x98 (not opaque.rate_limit)))
 (let (($x97 (not opaque.bot_control)))
 (let (($x96 (not opaque.known_bad_inputs)))
 (let (($x95 (not opaque.common_rules)))
 (let (($x94 (not opaque.ip_reputation)))
 (let (($x92 (= port0 (_ bv4 5))))
 (let (($x135 (and (and $x92 $x94 $x95 $x96 $x97 $x98 $x124 $x125 true) $x127 $x134 reach0)))
 (=> reach3 $x135)))))))))))))))))
(assert
 (let (($x159 (and reach3 true)))
 (let (($x158 (and reach2 true)))
 (let (($x61 (= port0 (_ bv21 5))))
 (let (($x62 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) $x61)))
 (let (($x157 (and reach1 $x62)))
 (or $x157 $x158 $x159)))))))
(check-sat)
