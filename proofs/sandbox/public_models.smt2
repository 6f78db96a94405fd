; stargate-verify proof obligation
; policy file: sandbox.sg, line 320
; assertion: public_models (path)
; path internet -> litellm where path in /v1/models and header Authorization present
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
 (let (($x96 (= h0.authorization (_ bv0 3))))
 (let (($x97 (not $x96)))
 (let (($x94 (= path (_ bv8 4))))
 (and $x94 $x97)))))
(assert
 (let (($x63 (= port0 (_ bv21 5))))
 (let (($x64 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) $x63)))
 (let (($x161 (and $x64 (and (= port0 (_ bv4 5)) (bvule src0 (_ bv26 5))))))
 (=> reach0 $x161)))))
(assert
 (let (($x162 (= src0 (_ bv19 5))))
 (let (($x165 (= port0 (_ bv14 5))))
 (let (($x166 (and $x165 $x162)))
 (let (($x132 (= port0 (_ bv2 5))))
 (let (($x163 (and $x132 $x162)))
 (let (($x173 (or $x163 $x166 (and $x165 (and (bvuge src0 (_ bv2 5)) (bvule src0 (_ bv16 5)))) (and (= port0 (_ bv18 5)) (and (bvuge src0 (_ bv2 5)) (bvule src0 (_ bv16 5)))))))
 (let (($x63 (= port0 (_ bv21 5))))
 (let (($x64 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) $x63)))
 (let (($x174 (and $x64 $x173)))
 (=> reach1 $x174)))))))))))
(assert
 (let (($x129 (and false (and (bvuge src2 (_ bv2 5)) (bvule src2 (_ bv16 5))))))
 (let (($x130 (or (and true (= src2 (_ bv19 5))) (and false (= src2 (_ bv19 5))) $x129 $x129)))
 (let (($x121 (= src2 (_ bv19 5))))
 (let (($x119 (not (= path (_ bv4 4)))))
 (let (($x75 (not (= h0.x-admin-secret (_ bv3 3)))))
 (let (($x114 (or (= path (_ bv0 4)) (= path (_ bv1 4)) (= path (_ bv2 4)) (= path (_ bv3 4)))))
 (let (($x116 (not (and $x114 $x75))))
 (let (($x105 (not opaque.rate_limit)))
 (let (($x104 (not opaque.bot_control)))
 (let (($x103 (not opaque.known_bad_inputs)))
 (let (($x102 (not opaque.common_rules)))
 (let (($x101 (not opaque.ip_reputation)))
 (let (($x100 (= port0 (_ bv4 5))))
 (let (($x131 (and (and $x100 $x101 $x102 $x103 $x104 $x105 $x116 $x119 true) $x121 $x130 reach0)))
 (=> reach2 $x131))))))))))))))))
(assert
 (let (($x145 (or (and true (= src3 (_ bv15 5))) (and true (and (bvuge src3 (_ bv2 5)) (bvule src3 (_ bv16 5)))))))
 (let (($x139 (= src3 (_ bv15 5))))
 (let (($x136 (not (= path (_ bv5 4)))))
 (let (($x132 (= port0 (_ bv2 5))))
 (let (($x146 (and (and $x132 (not (not (= h0.x-origin-verify (_ bv2 3)))) $x136 true) $x139 $x145 reach1)))
 (=> reach3 $x146)))))))
(assert
 (let (($x157 (or (and true (= src4 (_ bv15 5))) (and true (and (bvuge src4 (_ bv2 5)) (bvule src4 (_ bv16 5)))))))
 (let (($x151 (= src4 (_ bv15 5))))
 (let (($x158 (and (and true (not (not (= (_ bv2 3) (_ bv2 3)))) (not (= path (_ bv5 4))) true) $x151 $x157 reach2)))
 (=> reach4 $x158)))))
(assert
 (let (($x92 (not (= h0.authorization (_ bv4 3)))))
 (let (($x114 (or (= path (_ bv0 4)) (= path (_ bv1 4)) (= path (_ bv2 4)) (= path (_ bv3 4)))))
 (let (($x187 (and $x114 $x92)))
 (let (($x94 (= path (_ bv8 4))))
 (let (($x184 (or (= path (_ bv6 4)) (= path (_ bv7 4)) $x94)))
 (let (($x190 (=> true (not (or (and $x184 (not (not (= h0.authorization (_ bv0 3))))) $x187)))))
 (let (($x192 (and reach4 true $x190)))
 (let (($x191 (and reach3 true $x190)))
 (or $x191 $x192))))))))))
(check-sat)
