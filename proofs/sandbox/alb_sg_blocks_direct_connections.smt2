; stargate-verify proof obligation
; policy file: sandbox.sg, line 317
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
 (or (= src0 (_ bv0 5)) (and (bvuge src0 (_ bv18 5)) (bvule src0 (_ bv22 5))) (= src0 (_ bv24 5)) (= src0 (_ bv26 5))))
(assert
 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) (= port0 (_ bv21 5))))
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
 (let (($x75 (= port0 (_ bv4 5))))
 (not $x75)))
(assert
 (let (($x44 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) (= port0 (_ bv21 5)))))
 (=> reach0 (and $x44 (and (= port0 (_ bv4 5)) (bvule src0 (_ bv26 5)))))))
(assert
 (let (($x95 (or (and (= port0 (_ bv2 5)) (= src0 (_ bv19 5))) (and (= port0 (_ bv14 5)) (= src0 (_ bv19 5))) (and (= port0 (_ bv14 5)) (and (bvuge src0 (_ bv2 5)) (bvule src0 (_ bv16 5)))) (and (= port0 (_ bv18 5)) (and (bvuge src0 (_ bv2 5)) (bvule src0 (_ bv16 5)))))))
 (let (($x44 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) (= port0 (_ bv21 5)))))
 (=> reach1 (and $x44 $x95)))))
(assert
 (let (($x125 (or (and false (= src2 (_ bv19 5))) (and true (= src2 (_ bv19 5))) (and true (and (bvuge src2 (_ bv2 5)) (bvule src2 (_ bv16 5)))) (and false (and (bvuge src2 (_ bv2 5)) (bvule src2 (_ bv16 5)))))))
 (let (($x117 (= src2 (_ bv19 5))))
 (let (($x115 (= path (_ bv4 4))))
 (let (($x56 (not (= h0.x-admin-secret (_ bv3 3)))))
 (let (($x111 (or (= path (_ bv0 4)) (= path (_ bv1 4)) (= path (_ bv2 4)) (= path (_ bv3 4)))))
 (let (($x113 (not (and $x111 $x56))))
 (let (($x102 (not opaque.rate_limit)))
 (let (($x101 (not opaque.bot_control)))
 (let (($x100 (not opaque.known_bad_inputs)))
 (let (($x99 (not opaque.common_rules)))
 (let (($x98 (not opaque.ip_reputation)))
 (let (($x75 (= port0 (_ bv4 5))))
 (let (($x126 (and (and $x75 $x98 $x99 $x100 $x101 $x102 $x113 $x115) $x117 $x125 reach0)))
 (=> reach2 $x126)))))))))))))))
(assert
 (let (($x136 (and false (and (bvuge src3 (_ bv2 5)) (bvule src3 (_ bv16 5))))))
 (let (($x137 (or (and true (= src3 (_ bv19 5))) (and false (= src3 (_ bv19 5))) $x136 $x136)))
 (let (($x130 (= src3 (_ bv19 5))))
 (let (($x56 (not (= h0.x-admin-secret (_ bv3 3)))))
 (let (($x111 (or (= path (_ bv0 4)) (= path (_ bv1 4)) (= path (_ bv2 4)) (= path (_ bv3 4)))))
 (let (($x113 (not (and $x111 $x56))))
 (let (($x102 (not opaque.rate_limit)))
 (let (($x101 (not opaque.bot_control)))
 (let (($x100 (not opaque.known_bad_inputs)))
 (let (($x99 (not opaque.common_rules)))
 (let (($x98 (not opaque.ip_reputation)))
 (let (($x75 (= port0 (_ bv4 5))))
 (let (($x129 (and $x75 $x98 $x99 $x100 $x101 $x102 $x113 (not (= path (_ bv4 4))) true)))
 (=> reach3 (and $x129 $x130 $x137 reach0))))))))))))))))
(assert
 (let (($x44 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) (= port0 (_ bv21 5)))))
 (or (and reach1 $x44) (and reach2 true) (and reach3 true))))
(check-sat)
