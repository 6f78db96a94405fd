; stargate-verify proof obligation
; policy file: sandbox.sg, line 338
; assertion: v1_needs_api_key (requires)
; every path internet -> litellm where path in /v1/* requires header Authorization present
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
(declare-fun src4 () (_ BitVec 5))
(declare-fun reach4 () Bool)
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
 (or (= path (_ bv6 4)) (= path (_ bv7 4)) (= path (_ bv8 4))))
(assert
 (not (not (= h0.authorization (_ bv0 3)))))
(assert
 (let (($x66 (= port0 (_ bv21 5))))
 (let (($x67 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) $x66)))
 (let (($x167 (bvule src0 (_ bv26 5))))
 (let (($x171 (or (and $x167 $x67) (and (= src0 (_ bv27 5)) false))))
 (let (($x173 (and $x171 (and (= port0 (_ bv4 5)) (bvule src0 (_ bv27 5))))))
 (=> reach0 $x173)))))))
(assert
 (let (($x174 (= src0 (_ bv19 5))))
 (let (($x177 (= port0 (_ bv14 5))))
 (let (($x178 (and $x177 $x174)))
 (let (($x140 (= port0 (_ bv2 5))))
 (let (($x175 (and $x140 $x174)))
 (let (($x185 (or $x175 $x178 (and $x177 (and (bvuge src0 (_ bv2 5)) (bvule src0 (_ bv16 5)))) (and (= port0 (_ bv18 5)) (and (bvuge src0 (_ bv2 5)) (bvule src0 (_ bv16 5)))))))
 (let (($x66 (= port0 (_ bv21 5))))
 (let (($x67 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) $x66)))
 (let (($x167 (bvule src0 (_ bv26 5))))
 (let (($x171 (or (and $x167 $x67) (and (= src0 (_ bv27 5)) false))))
 (let (($x186 (and $x171 $x185)))
 (=> reach1 $x186)))))))))))))
(assert
 (let (($x137 (and false (and (bvuge src2 (_ bv2 5)) (bvule src2 (_ bv16 5))))))
 (let (($x138 (or (and true (= src2 (_ bv19 5))) (and false (= src2 (_ bv19 5))) $x137 $x137)))
 (let (($x129 (= src2 (_ bv19 5))))
 (let (($x127 (not (= path (_ bv4 4)))))
 (let (($x78 (not (= h0.x-admin-secret (_ bv3 3)))))
 (let (($x122 (or (= path (_ bv0 4)) (= path (_ bv1 4)) (= path (_ bv2 4)) (= path (_ bv3 4)))))
 (let (($x124 (not (and $x122 $x78))))
 (let (($x113 (not opaque.rate_limit)))
 (let (($x112 (not opaque.bot_control)))
 (let (($x111 (not opaque.known_bad_inputs)))
 (let (($x110 (not opaque.common_rules)))
 (let (($x109 (not opaque.ip_reputation)))
 (let (($x108 (= port0 (_ bv4 5))))
 (let (($x139 (and (and $x108 $x109 $x110 $x111 $x112 $x113 $x124 $x127 true) $x129 $x138 reach0)))
 (=> reach2 $x139))))))))))))))))
(assert
 (let (($x153 (or (and true (= src3 (_ bv15 5))) (and true (and (bvuge src3 (_ bv2 5)) (bvule src3 (_ bv16 5)))))))
 (let (($x147 (= src3 (_ bv15 5))))
 (let (($x144 (not (= path (_ bv5 4)))))
 (let (($x140 (= port0 (_ bv2 5))))
 (let (($x154 (and (and $x140 (not (not (= h0.x-origin-verify (_ bv2 3)))) $x144 true) $x147 $x153 reach1)))
 (=> reach3 $x154)))))))
(assert
 (let (($x165 (or (and true (= src4 (_ bv15 5))) (and true (and (bvuge src4 (_ bv2 5)) (bvule src4 (_ bv16 5)))))))
 (let (($x159 (= src4 (_ bv15 5))))
 (let (($x166 (and (and true (not (not (= (_ bv2 3) (_ bv2 3)))) (not (= path (_ bv5 4))) true) $x159 $x165 reach2)))
 (=> reach4 $x166)))))
(assert
 (let (($x95 (not (= h0.authorization (_ bv4 3)))))
 (let (($x122 (or (= path (_ bv0 4)) (= path (_ bv1 4)) (= path (_ bv2 4)) (= path (_ bv3 4)))))
 (let (($x193 (and $x122 $x95)))
 (let (($x106 (not (not (= h0.authorization (_ bv0 3))))))
 (let (($x102 (or (= path (_ bv6 4)) (= path (_ bv7 4)) (= path (_ bv8 4)))))
 (let (($x196 (=> true (not (or (and $x102 $x106) $x193)))))
 (let (($x198 (and reach4 true $x196)))
 (let (($x197 (and reach3 true $x196)))
 (or $x197 $x198))))))))))
(check-sat)
