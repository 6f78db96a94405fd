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
 (let (($x101 (not (not (= h0.authorization (_ bv0 3))))))
 (let (($x97 (= path (_ bv9 4))))
 (and $x97 $x101))))
(assert
 (let (($x66 (= port0 (_ bv21 5))))
 (let (($x67 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) $x66)))
 (let (($x163 (bvule src0 (_ bv26 5))))
 (let (($x167 (or (and $x163 $x67) (and (= src0 (_ bv27 5)) false))))
 (let (($x169 (and $x167 (and (= port0 (_ bv4 5)) (bvule src0 (_ bv27 5))))))
 (=> reach0 $x169)))))))
(assert
 (let (($x170 (= src0 (_ bv19 5))))
 (let (($x173 (= port0 (_ bv14 5))))
 (let (($x174 (and $x173 $x170)))
 (let (($x136 (= port0 (_ bv2 5))))
 (let (($x171 (and $x136 $x170)))
 (let (($x181 (or $x171 $x174 (and $x173 (and (bvuge src0 (_ bv2 5)) (bvule src0 (_ bv16 5)))) (and (= port0 (_ bv18 5)) (and (bvuge src0 (_ bv2 5)) (bvule src0 (_ bv16 5)))))))
 (let (($x66 (= port0 (_ bv21 5))))
 (let (($x67 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) $x66)))
 (let (($x163 (bvule src0 (_ bv26 5))))
 (let (($x167 (or (and $x163 $x67) (and (= src0 (_ bv27 5)) false))))
 (let (($x182 (and $x167 $x181)))
 (=> reach1 $x182)))))))))))))
(assert
 (let (($x133 (and false (and (bvuge src2 (_ bv2 5)) (bvule src2 (_ bv16 5))))))
 (let (($x134 (or (and true (= src2 (_ bv19 5))) (and false (= src2 (_ bv19 5))) $x133 $x133)))
 (let (($x125 (= src2 (_ bv19 5))))
 (let (($x123 (not (= path (_ bv4 4)))))
 (let (($x78 (not (= h0.x-admin-secret (_ bv3 3)))))
 (let (($x118 (or (= path (_ bv0 4)) (= path (_ bv1 4)) (= path (_ bv2 4)) (= path (_ bv3 4)))))
 (let (($x120 (not (and $x118 $x78))))
 (let (($x109 (not opaque.rate_limit)))
 (let (($x108 (not opaque.bot_control)))
 (let (($x107 (not opaque.known_bad_inputs)))
 (let (($x106 (not opaque.common_rules)))
 (let (($x105 (not opaque.ip_reputation)))
 (let (($x104 (= port0 (_ bv4 5))))
 (let (($x135 (and (and $x104 $x105 $x106 $x107 $x108 $x109 $x120 $x123 true) $x125 $x134 reach0)))
 (=> reach2 $x135))))))))))))))))
(assert
 (let (($x149 (or (and true (= src3 (_ bv15 5))) (and true (and (bvuge src3 (_ bv2 5)) (bvule src3 (_ bv16 5)))))))
 (let (($x143 (= src3 (_ bv15 5))))
 (let (($x140 (not (= path (_ bv5 4)))))
 (let (($x136 (= port0 (_ bv2 5))))
 (let (($x150 (and (and $x136 (not (not (= h0.x-origin-verify (_ bv2 3)))) $x140 true) $x143 $x149 reach1)))
 (=> reach3 $x150)))))))
(assert
 (let (($x161 (or (and true (= src4 (_ bv15 5))) (and true (and (bvuge src4 (_ bv2 5)) (bvule src4 (_ bv16 5)))))))
 (let (($x155 (= src4 (_ bv15 5))))
 (let (($x162 (and (and true (not (not (= (_ bv2 3) (_ bv2 3)))) (not (= path (_ bv5 4))) true) $x155 $x161 reach2)))
 (=> reach4 $x162)))))
(assert
 (let (($x95 (not (= h0.authorization (_ bv4 3)))))
 (let (($x118 (or (= path (_ bv0 4)) (= path (_ bv1 4)) (= path (_ bv2 4)) (= path (_ bv3 4)))))
 (let (($x196 (and $x118 $x95)))
 (let (($x101 (not (not (= h0.authorization (_ bv0 3))))))
 (let (($x194 (or (= path (_ bv6 4)) (= path (_ bv7 4)) (= path (_ bv8 4)))))
 (let (($x199 (=> true (not (or (and $x194 $x101) $x196)))))
 (let (($x201 (and reach4 true $x199)))
 (let (($x200 (and reach3 true $x199)))
 (or $x200 $x201))))))))))
(check-sat)
