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
 (or (= path (_ bv6 4)) (= path (_ bv7 4)) (= path (_ bv8 4))))
(assert
 (not (not (= h0.authorization (_ bv0 3)))))
(assert
 (let (($x63 (= port0 (_ bv21 5))))
 (let (($x64 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) $x63)))
 (let (($x166 (and $x64 (and (= port0 (_ bv4 5)) (bvule src0 (_ bv26 5))))))
 (=> reach0 $x166)))))
(assert
 (let (($x167 (= src0 (_ bv19 5))))
 (let (($x170 (= port0 (_ bv14 5))))
 (let (($x171 (and $x170 $x167)))
 (let (($x137 (= port0 (_ bv2 5))))
 (let (($x168 (and $x137 $x167)))
 (let (($x178 (or $x168 $x171 (and $x170 (and (bvuge src0 (_ bv2 5)) (bvule src0 (_ bv16 5)))) (and (= port0 (_ bv18 5)) (and (bvuge src0 (_ bv2 5)) (bvule src0 (_ bv16 5)))))))
 (let (($x63 (= port0 (_ bv21 5))))
 (let (($x64 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) $x63)))
 (let (($x179 (and $x64 $x178)))
 (=> reach1 $x179)))))))))))
(assert
 (let (($x134 (and false (and (bvuge src2 (_ bv2 5)) (bvule src2 (_ bv16 5))))))
 (let (($x135 (or (and true (= src2 (_ bv19 5))) (and false (= src2 (_ bv19 5))) $x134 $x134)))
 (let (($x126 (= src2 (_ bv19 5))))
 (let (($x124 (not (= path (_ bv4 4)))))
 (let (($x75 (not (= h0.x-admin-secret (_ bv3 3)))))
 (let (($x119 (or (= path (_ bv0 4)) (= path (_ bv1 4)) (= path (_ bv2 4)) (= path (_ bv3 4)))))
 (let (($x121 (not (and $x119 $x75))))
 (let (($x110 (not opaque.rate_limit)))
 (let (($x109 (not opaque.bot_control)))
 (let (($x108 (not opaque.known_bad_inputs)))
 (let (($x107 (not opaque.common_rules)))
 (let (($x106 (not opaque.ip_reputation)))
 (let (($x105 (= port0 (_ bv4 5))))
 (let (($x136 (and (and $x105 $x106 $x107 $x108 $x109 $x110 $x121 $x124 true) $x126 $x135 reach0)))
 (=> reach2 $x136))))))))))))))))
(assert
 (let (($x150 (or (and true (= src3 (_ bv15 5))) (and true (and (bvuge src3 (_ bv2 5)) (bvule src3 (_ bv16 5)))))))
 (let (($x144 (= src3 (_ bv15 5))))
 (let (($x141 (not (= path (_ bv5 4)))))
 (let (($x137 (= port0 (_ bv2 5))))
 (let (($x151 (and (and $x137 (not (not (= h0.x-origin-verify (_ bv2 3)))) $x141 true) $x144 $x150 reach1)))
 (=> reach3 $x151)))))))
(assert
 (let (($x162 (or (and true (= src4 (_ bv15 5))) (and true (and (bvuge src4 (_ bv2 5)) (bvule src4 (_ bv16 5)))))))
 (let (($x156 (= src4 (_ bv15 5))))
 (let (($x163 (and (and true (not (not (= (_ bv2 3) (_ bv2 3)))) (not (= path (_ bv5 4))) true) $x156 $x162 reach2)))
 (=> reach4 $x163)))))
(assert
 (let (($x92 (not (= h0.authorization (_ bv4 3)))))
 (let (($x119 (or (= path (_ bv0 4)) (= path (_ bv1 4)) (= path (_ bv2 4)) (= path (_ bv3 4)))))
 (let (($x186 (and $x119 $x92)))
 (let (($x103 (not (not (= h0.authorization (_ bv0 3))))))
 (let (($x99 (or (= path (_ bv6 4)) (= path (_ bv7 4)) (= path (_ bv8 4)))))
 (let (($x189 (=> true (not (or (and $x99 $x103) $x186)))))
 (let (($x191 (and reach4 true $x189)))
 (let (($x190 (and reach3 true $x189)))
 (or $x190 $x191))))))))))
(check-sat)
