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
 (let (($x99 (bvule path (_ bv8 4))))
 (and (bvuge path (_ bv6 4)) $x99)))
(assert
 (not (not (= h0.authorization (_ bv0 3)))))
(assert
 (let (($x66 (= port0 (_ bv21 5))))
 (let (($x67 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) $x66)))
 (let (($x158 (bvule src0 (_ bv26 5))))
 (let (($x162 (or (and $x158 $x67) (and (= src0 (_ bv27 5)) false))))
 (let (($x164 (and $x162 (and (= port0 (_ bv4 5)) (bvule src0 (_ bv27 5))))))
 (=> reach0 $x164)))))))
(assert
 (let (($x165 (= src0 (_ bv19 5))))
 (let (($x168 (= port0 (_ bv14 5))))
 (let (($x169 (and $x168 $x165)))
 (let (($x131 (= port0 (_ bv2 5))))
 (let (($x166 (and $x131 $x165)))
 (let (($x176 (or $x166 $x169 (and $x168 (and (bvuge src0 (_ bv2 5)) (bvule src0 (_ bv16 5)))) (and (= port0 (_ bv18 5)) (and (bvuge src0 (_ bv2 5)) (bvule src0 (_ bv16 5)))))))
 (let (($x66 (= port0 (_ bv21 5))))
 (let (($x67 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) $x66)))
 (let (($x158 (bvule src0 (_ bv26 5))))
 (let (($x162 (or (and $x158 $x67) (and (= src0 (_ bv27 5)) false))))
 (let (($x177 (and $x162 $x176)))
 (=> reach1 $x177)))))))))))))
(assert
 (let (($x128 (and false (and (bvuge src2 (_ bv2 5)) (bvule src2 (_ bv16 5))))))
 (let (($x129 (or (and true (= src2 (_ bv19 5))) (and false (= src2 (_ bv19 5))) $x128 $x128)))
 (let (($x120 (= src2 (_ bv19 5))))
 (let (($x118 (not (= path (_ bv4 4)))))
 (let (($x111 (not opaque.rate_limit)))
 (let (($x110 (not opaque.bot_control)))
 (let (($x109 (not opaque.known_bad_inputs)))
 (let (($x108 (not opaque.common_rules)))
 (let (($x107 (not opaque.ip_reputation)))
 (let (($x106 (= port0 (_ bv4 5))))
 (let (($x119 (and $x106 $x107 $x108 $x109 $x110 $x111 (not (and (bvule path (_ bv3 4)) (not (= h0.x-admin-secret (_ bv3 3))))) $x118 true)))
 (let (($x130 (and $x119 $x120 $x129 reach0)))
 (=> reach2 $x130))))))))))))))
(assert
 (let (($x144 (or (and true (= src3 (_ bv15 5))) (and true (and (bvuge src3 (_ bv2 5)) (bvule src3 (_ bv16 5)))))))
 (let (($x138 (= src3 (_ bv15 5))))
 (let (($x135 (not (= path (_ bv5 4)))))
 (let (($x131 (= port0 (_ bv2 5))))
 (let (($x145 (and (and $x131 (not (not (= h0.x-origin-verify (_ bv2 3)))) $x135 true) $x138 $x144 reach1)))
 (=> reach3 $x145)))))))
(assert
 (let (($x156 (or (and true (= src4 (_ bv15 5))) (and true (and (bvuge src4 (_ bv2 5)) (bvule src4 (_ bv16 5)))))))
 (let (($x150 (= src4 (_ bv15 5))))
 (let (($x157 (and (and true (not (not (= (_ bv2 3) (_ bv2 3)))) (not (= path (_ bv5 4))) true) $x150 $x156 reach2)))
 (=> reach4 $x157)))))
(assert
 (let (($x104 (not (not (= h0.authorization (_ bv0 3))))))
 (let (($x99 (bvule path (_ bv8 4))))
 (let (($x100 (and (bvuge path (_ bv6 4)) $x99)))
 (let (($x185 (or (and $x100 $x104) (and (bvule path (_ bv3 4)) (not (= h0.authorization (_ bv4 3)))))))
 (let (($x187 (=> true (not $x185))))
 (let (($x189 (and reach4 true $x187)))
 (let (($x188 (and reach3 true $x187)))
 (or $x188 $x189)))))))))
(check-sat)
