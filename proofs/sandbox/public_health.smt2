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
 (let (($x156 (bvule src0 (_ bv26 5))))
 (let (($x160 (or (and $x156 $x67) (and (= src0 (_ bv27 5)) false))))
 (let (($x162 (and $x160 (and (= port0 (_ bv4 5)) (bvule src0 (_ bv27 5))))))
 (=> reach0 $x162)))))))
(assert
 (let (($x163 (= src0 (_ bv19 5))))
 (let (($x166 (= port0 (_ bv14 5))))
 (let (($x167 (and $x166 $x163)))
 (let (($x129 (= port0 (_ bv2 5))))
 (let (($x164 (and $x129 $x163)))
 (let (($x174 (or $x164 $x167 (and $x166 (and (bvuge src0 (_ bv2 5)) (bvule src0 (_ bv16 5)))) (and (= port0 (_ bv18 5)) (and (bvuge src0 (_ bv2 5)) (bvule src0 (_ bv16 5)))))))
 (let (($x66 (= port0 (_ bv21 5))))
 (let (($x67 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) $x66)))
 (let (($x156 (bvule src0 (_ bv26 5))))
 (let (($x160 (or (and $x156 $x67) (and (= src0 (_ bv27 5)) false))))
 (let (($x175 (and $x160 $x174)))
 (=> reach1 $x175)))))))))))))
(assert
 (let (($x126 (and false (and (bvuge src2 (_ bv2 5)) (bvule src2 (_ bv16 5))))))
 (let (($x127 (or (and true (= src2 (_ bv19 5))) (and false (= src2 (_ bv19 5))) $x126 $x126)))
 (let (($x118 (= src2 (_ bv19 5))))
 (let (($x116 (not (= path (_ bv4 4)))))
 (let (($x109 (not opaque.rate_limit)))
 (let (($x108 (not opaque.bot_control)))
 (let (($x107 (not opaque.known_bad_inputs)))
 (let (($x106 (not opaque.common_rules)))
 (let (($x105 (not opaque.ip_reputation)))
 (let (($x104 (= port0 (_ bv4 5))))
 (let (($x117 (and $x104 $x105 $x106 $x107 $x108 $x109 (not (and (bvule path (_ bv3 4)) (not (= h0.x-admin-secret (_ bv3 3))))) $x116 true)))
 (let (($x128 (and $x117 $x118 $x127 reach0)))
 (=> reach2 $x128))))))))))))))
(assert
 (let (($x142 (or (and true (= src3 (_ bv15 5))) (and true (and (bvuge src3 (_ bv2 5)) (bvule src3 (_ bv16 5)))))))
 (let (($x136 (= src3 (_ bv15 5))))
 (let (($x133 (not (= path (_ bv5 4)))))
 (let (($x129 (= port0 (_ bv2 5))))
 (let (($x143 (and (and $x129 (not (not (= h0.x-origin-verify (_ bv2 3)))) $x133 true) $x136 $x142 reach1)))
 (=> reach3 $x143)))))))
(assert
 (let (($x154 (or (and true (= src4 (_ bv15 5))) (and true (and (bvuge src4 (_ bv2 5)) (bvule src4 (_ bv16 5)))))))
 (let (($x148 (= src4 (_ bv15 5))))
 (let (($x155 (and (and true (not (not (= (_ bv2 3) (_ bv2 3)))) (not (= path (_ bv5 4))) true) $x148 $x154 reach2)))
 (=> reach4 $x155)))))
(assert
 (let (($x101 (not (not (= h0.authorization (_ bv0 3))))))
 (let (($x188 (or (and (and (bvuge path (_ bv6 4)) (bvule path (_ bv8 4))) $x101) (and (bvule path (_ bv3 4)) (not (= h0.authorization (_ bv4 3)))))))
 (let (($x190 (=> true (not $x188))))
 (let (($x192 (and reach4 true $x190)))
 (let (($x191 (and reach3 true $x190)))
 (or $x191 $x192)))))))
(check-sat)
