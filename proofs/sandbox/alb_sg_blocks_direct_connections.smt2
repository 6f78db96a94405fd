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
 (let (($x121 (and $x44 (and (= port0 (_ bv4 5)) (bvule src0 (_ bv26 5))))))
 (=> reach0 $x121))))
(assert
 (let (($x134 (or (and (= port0 (_ bv2 5)) (= src0 (_ bv19 5))) (and (= port0 (_ bv14 5)) (= src0 (_ bv19 5))) (and (= port0 (_ bv14 5)) (and (bvuge src0 (_ bv2 5)) (bvule src0 (_ bv16 5)))) (and (= port0 (_ bv18 5)) (and (bvuge src0 (_ bv2 5)) (bvule src0 (_ bv16 5)))))))
 (let (($x44 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) (= port0 (_ bv21 5)))))
 (let (($x135 (and $x44 $x134)))
 (=> reach1 $x135)))))
(assert
 (let (($x95 (or (and false (= src2 (_ bv19 5))) (and true (= src2 (_ bv19 5))) (and true (and (bvuge src2 (_ bv2 5)) (bvule src2 (_ bv16 5)))) (and false (and (bvuge src2 (_ bv2 5)) (bvule src2 (_ bv16 5)))))))
 (let (($x85 (= src2 (_ bv19 5))))
 (let (($x83 (= path (_ bv4 4))))
 (let (($x81 (not opaque.rate_limit)))
 (let (($x80 (not opaque.bot_control)))
 (let (($x79 (not opaque.known_bad_inputs)))
 (let (($x78 (not opaque.common_rules)))
 (let (($x77 (not opaque.ip_reputation)))
 (let (($x75 (= port0 (_ bv4 5))))
 (let (($x96 (and (and $x75 $x77 $x78 $x79 $x80 $x81 $x83) $x85 $x95 reach0)))
 (=> reach2 $x96))))))))))))
(assert
 (let (($x116 (and false (and (bvuge src3 (_ bv2 5)) (bvule src3 (_ bv16 5))))))
 (let (($x117 (or (and true (= src3 (_ bv19 5))) (and false (= src3 (_ bv19 5))) $x116 $x116)))
 (let (($x110 (= src3 (_ bv19 5))))
 (let (($x56 (not (= h0.x-admin-secret (_ bv3 3)))))
 (let (($x105 (or (= path (_ bv0 4)) (= path (_ bv1 4)) (= path (_ bv2 4)) (= path (_ bv3 4)))))
 (let (($x81 (not opaque.rate_limit)))
 (let (($x80 (not opaque.bot_control)))
 (let (($x79 (not opaque.known_bad_inputs)))
 (let (($x78 (not opaque.common_rules)))
 (let (($x77 (not opaque.ip_reputation)))
 (let (($x75 (= port0 (_ bv4 5))))
 (let (($x109 (and $x75 $x77 $x78 $x79 $x80 $x81 (not (and $x105 $x56)) (not (= path (_ bv4 4))) true)))
 (let (($x118 (and $x109 $x110 $x117 reach0)))
 (=> reach3 $x118)))))))))))))))
(assert
 (let (($x142 (and reach3 true)))
 (let (($x141 (and reach2 true)))
 (let (($x44 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) (= port0 (_ bv21 5)))))
 (let (($x140 (and reach1 $x44)))
 (or $x140 $x141 $x142))))))
(check-sat)
