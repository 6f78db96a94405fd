; stargate-verify proof obligation
; policy file: sandbox.sg, line 322
; assertion: public_health (path)
; path internet -> litellm where path in /health/* and header Authorization absent
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
 (let (($x98 (not (not (= h0.authorization (_ bv0 3))))))
 (let (($x94 (= path (_ bv9 4))))
 (and $x94 $x98))))
(assert
 (let (($x63 (= port0 (_ bv21 5))))
 (let (($x64 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) $x63)))
 (let (($x162 (and $x64 (and (= port0 (_ bv4 5)) (bvule src0 (_ bv26 5))))))
 (=> reach0 $x162)))))
(assert
 (let (($x163 (= src0 (_ bv19 5))))
 (let (($x166 (= port0 (_ bv14 5))))
 (let (($x167 (and $x166 $x163)))
 (let (($x133 (= port0 (_ bv2 5))))
 (let (($x164 (and $x133 $x163)))
 (let (($x174 (or $x164 $x167 (and $x166 (and (bvuge src0 (_ bv2 5)) (bvule src0 (_ bv16 5)))) (and (= port0 (_ bv18 5)) (and (bvuge src0 (_ bv2 5)) (bvule src0 (_ bv16 5)))))))
 (let (($x63 (= port0 (_ bv21 5))))
 (let (($x64 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) $x63)))
 (let (($x175 (and $x64 $x174)))
 (=> reach1 $x175)))))))))))
(assert
 (let (($x130 (and false (and (bvuge src2 (_ bv2 5)) (bvule src2 (_ bv16 5))))))
 (let (($x131 (or (and true (= src2 (_ bv19 5))) (and false (= src2 (_ bv19 5))) $x130 $x130)))
 (let (($x122 (= src2 (_ bv19 5))))
 (let (($x120 (not (= path (_ bv4 4)))))
 (let (($x75 (not (= h0.x-admin-secret (_ bv3 3)))))
 (let (($x115 (or (= path (_ bv0 4)) (= path (_ bv1 4)) (= path (_ bv2 4)) (= path (_ bv3 4)))))
 (let (($x117 (not (and $x115 $x75))))
 (let (($x106 (not opaque.rate_limit)))
 (let (($x105 (not opaque.bot_control)))
 (let (($x104 (not opaque.known_bad_inputs)))
 (let (($x103 (not opaque.common_rules)))
 (let (($x102 (not opaque.ip_reputation)))
 (let (($x101 (= port0 (_ bv4 5))))
 (let (($x132 (and (and $x101 $x102 $x103 $x104 $x105 $x106 $x117 $x120 true) $x122 $x131 reach0)))
 (=> reach2 $x132))))))))))))))))
(assert
 (let (($x146 (or (and true (= src3 (_ bv15 5))) (and true (and (bvuge src3 (_ bv2 5)) (bvule src3 (_ bv16 5)))))))
 (let (($x140 (= src3 (_ bv15 5))))
 (let (($x137 (not (= path (_ bv5 4)))))
 (let (($x133 (= port0 (_ bv2 5))))
 (let (($x147 (and (and $x133 (not (not (= h0.x-origin-verify (_ bv2 3)))) $x137 true) $x140 $x146 reach1)))
 (=> reach3 $x147)))))))
(assert
 (let (($x158 (or (and true (= src4 (_ bv15 5))) (and true (and (bvuge src4 (_ bv2 5)) (bvule src4 (_ bv16 5)))))))
 (let (($x152 (= src4 (_ bv15 5))))
 (let (($x159 (and (and true (not (not (= (_ bv2 3) (_ bv2 3)))) (not (= path (_ bv5 4))) true) $x152 $x158 reach2)))
 (=> reach4 $x159)))))
(assert
 (let (($x92 (not (= h0.authorization (_ bv4 3)))))
 (let (($x115 (or (= path (_ bv0 4)) (= path (_ bv1 4)) (= path (_ bv2 4)) (= path (_ bv3 4)))))
 (let (($x189 (and $x115 $x92)))
 (let (($x98 (not (not (= h0.authorization (_ bv0 3))))))
 (let (($x187 (or (= path (_ bv6 4)) (= path (_ bv7 4)) (= path (_ bv8 4)))))
 (let (($x192 (=> true (not (or (and $x187 $x98) $x189)))))
 (let (($x194 (and reach4 true $x192)))
 (let (($x193 (and reach3 true $x192)))
 (or $x193 $x194))))))))))
(check-sat)
