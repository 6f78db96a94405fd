; stargate-verify proof obligation
; policy file: sandbox.sg, line 319
; assertion: public_chat_completions (path)
; path internet -> litellm where path in /v1/chat/completions and header Authorization present
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
 (let (($x99 (= h0.authorization (_ bv0 3))))
 (let (($x100 (not $x99)))
 (let (($x97 (= path (_ bv7 4))))
 (and $x97 $x100)))))
(assert
 (let (($x66 (= port0 (_ bv21 5))))
 (let (($x67 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) $x66)))
 (let (($x155 (bvule src0 (_ bv26 5))))
 (let (($x159 (or (and $x155 $x67) (and (= src0 (_ bv27 5)) false))))
 (let (($x161 (and $x159 (and (= port0 (_ bv4 5)) (bvule src0 (_ bv27 5))))))
 (=> reach0 $x161)))))))
(assert
 (let (($x162 (= src0 (_ bv19 5))))
 (let (($x165 (= port0 (_ bv14 5))))
 (let (($x166 (and $x165 $x162)))
 (let (($x128 (= port0 (_ bv2 5))))
 (let (($x163 (and $x128 $x162)))
 (let (($x173 (or $x163 $x166 (and $x165 (and (bvuge src0 (_ bv2 5)) (bvule src0 (_ bv16 5)))) (and (= port0 (_ bv18 5)) (and (bvuge src0 (_ bv2 5)) (bvule src0 (_ bv16 5)))))))
 (let (($x66 (= port0 (_ bv21 5))))
 (let (($x67 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) $x66)))
 (let (($x155 (bvule src0 (_ bv26 5))))
 (let (($x159 (or (and $x155 $x67) (and (= src0 (_ bv27 5)) false))))
 (let (($x174 (and $x159 $x173)))
 (=> reach1 $x174)))))))))))))
(assert
 (let (($x125 (and false (and (bvuge src2 (_ bv2 5)) (bvule src2 (_ bv16 5))))))
 (let (($x126 (or (and true (= src2 (_ bv19 5))) (and false (= src2 (_ bv19 5))) $x125 $x125)))
 (let (($x117 (= src2 (_ bv19 5))))
 (let (($x115 (not (= path (_ bv4 4)))))
 (let (($x108 (not opaque.rate_limit)))
 (let (($x107 (not opaque.bot_control)))
 (let (($x106 (not opaque.known_bad_inputs)))
 (let (($x105 (not opaque.common_rules)))
 (let (($x104 (not opaque.ip_reputation)))
 (let (($x103 (= port0 (_ bv4 5))))
 (let (($x116 (and $x103 $x104 $x105 $x106 $x107 $x108 (not (and (bvule path (_ bv3 4)) (not (= h0.x-admin-secret (_ bv3 3))))) $x115 true)))
 (let (($x127 (and $x116 $x117 $x126 reach0)))
 (=> reach2 $x127))))))))))))))
(assert
 (let (($x141 (or (and true (= src3 (_ bv15 5))) (and true (and (bvuge src3 (_ bv2 5)) (bvule src3 (_ bv16 5)))))))
 (let (($x135 (= src3 (_ bv15 5))))
 (let (($x132 (not (= path (_ bv5 4)))))
 (let (($x128 (= port0 (_ bv2 5))))
 (let (($x142 (and (and $x128 (not (not (= h0.x-origin-verify (_ bv2 3)))) $x132 true) $x135 $x141 reach1)))
 (=> reach3 $x142)))))))
(assert
 (let (($x153 (or (and true (= src4 (_ bv15 5))) (and true (and (bvuge src4 (_ bv2 5)) (bvule src4 (_ bv16 5)))))))
 (let (($x147 (= src4 (_ bv15 5))))
 (let (($x154 (and (and true (not (not (= (_ bv2 3) (_ bv2 3)))) (not (= path (_ bv5 4))) true) $x147 $x153 reach2)))
 (=> reach4 $x154)))))
(assert
 (let (($x186 (and (and (bvuge path (_ bv6 4)) (bvule path (_ bv8 4))) (not (not (= h0.authorization (_ bv0 3)))))))
 (let (($x189 (not (or $x186 (and (bvule path (_ bv3 4)) (not (= h0.authorization (_ bv4 3))))))))
 (let (($x190 (=> true $x189)))
 (let (($x192 (and reach4 true $x190)))
 (let (($x191 (and reach3 true $x190)))
 (or $x191 $x192)))))))
(check-sat)
