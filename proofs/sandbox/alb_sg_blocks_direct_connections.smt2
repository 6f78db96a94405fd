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
 (let (($x51 (= src0 (_ bv24 5))))
 (let (($x44 (= src0 (_ bv0 5))))
 (or $x44 (and (bvuge src0 (_ bv18 5)) (bvule src0 (_ bv22 5))) $x51 (and (bvuge src0 (_ bv26 5)) (bvule src0 (_ bv27 5)))))))
(assert
 (let (($x64 (= port0 (_ bv21 5))))
 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) $x64)))
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
 (let (($x95 (= port0 (_ bv4 5))))
 (not $x95)))
(assert
 (let (($x64 (= port0 (_ bv21 5))))
 (let (($x65 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) $x64)))
 (let (($x132 (bvule src0 (_ bv26 5))))
 (let (($x136 (or (and $x132 $x65) (and (= src0 (_ bv27 5)) false))))
 (let (($x138 (and $x136 (and (= port0 (_ bv4 5)) (bvule src0 (_ bv27 5))))))
 (=> reach0 $x138)))))))
(assert
 (let (($x140 (= src0 (_ bv19 5))))
 (let (($x143 (= port0 (_ bv14 5))))
 (let (($x144 (and $x143 $x140)))
 (let (($x141 (and (= port0 (_ bv2 5)) $x140)))
 (let (($x151 (or $x141 $x144 (and $x143 (and (bvuge src0 (_ bv2 5)) (bvule src0 (_ bv16 5)))) (and (= port0 (_ bv18 5)) (and (bvuge src0 (_ bv2 5)) (bvule src0 (_ bv16 5)))))))
 (let (($x64 (= port0 (_ bv21 5))))
 (let (($x65 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) $x64)))
 (let (($x132 (bvule src0 (_ bv26 5))))
 (let (($x136 (or (and $x132 $x65) (and (= src0 (_ bv27 5)) false))))
 (let (($x152 (and $x136 $x151)))
 (=> reach1 $x152))))))))))))
(assert
 (let (($x115 (or (and false (= src2 (_ bv19 5))) (and true (= src2 (_ bv19 5))) (and true (and (bvuge src2 (_ bv2 5)) (bvule src2 (_ bv16 5)))) (and false (and (bvuge src2 (_ bv2 5)) (bvule src2 (_ bv16 5)))))))
 (let (($x105 (= src2 (_ bv19 5))))
 (let (($x103 (= path (_ bv4 4))))
 (let (($x101 (not opaque.rate_limit)))
 (let (($x100 (not opaque.bot_control)))
 (let (($x99 (not opaque.known_bad_inputs)))
 (let (($x98 (not opaque.common_rules)))
 (let (($x97 (not opaque.ip_reputation)))
 (let (($x95 (= port0 (_ bv4 5))))
 (let (($x116 (and (and $x95 $x97 $x98 $x99 $x100 $x101 $x103) $x105 $x115 reach0)))
 (=> reach2 $x116))))))))))))
(assert
 (let (($x129 (and false (and (bvuge src3 (_ bv2 5)) (bvule src3 (_ bv16 5))))))
 (let (($x130 (or (and true (= src3 (_ bv19 5))) (and false (= src3 (_ bv19 5))) $x129 $x129)))
 (let (($x123 (= src3 (_ bv19 5))))
 (let (($x103 (= path (_ bv4 4))))
 (let (($x121 (not $x103)))
 (let (($x101 (not opaque.rate_limit)))
 (let (($x100 (not opaque.bot_control)))
 (let (($x99 (not opaque.known_bad_inputs)))
 (let (($x98 (not opaque.common_rules)))
 (let (($x97 (not opaque.ip_reputation)))
 (let (($x95 (= port0 (_ bv4 5))))
 (let (($x122 (and $x95 $x97 $x98 $x99 $x100 $x101 (not (and (bvule path (_ bv3 4)) (not (= h0.x-admin-secret (_ bv3 3))))) $x121 true)))
 (let (($x131 (and $x122 $x123 $x130 reach0)))
 (=> reach3 $x131)))))))))))))))
(assert
 (let (($x159 (and reach3 true)))
 (let (($x158 (and reach2 true)))
 (let (($x64 (= port0 (_ bv21 5))))
 (let (($x65 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) $x64)))
 (let (($x157 (and reach1 $x65)))
 (or $x157 $x158 $x159)))))))
(check-sat)
