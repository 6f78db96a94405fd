; stargate-verify proof obligation
; policy file: sandbox.sg, line 365
; assertion: admin_traffic_encrypted (encrypted)
; every path admins -> litellm where path in [/key/*, /user/*, /model/*, /spend/*] encrypted
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
 (bvult h0.x-origin-verify (_ bv5 3)))
(assert
 (let (($x77 (= h0.x-origin-verify (_ bv2 3))))
 (not $x77)))
(assert
 (bvult h0.authorization (_ bv5 3)))
(assert
 (not (= h0.authorization (_ bv2 3))))
(assert
 (or (= path (_ bv0 4)) (= path (_ bv1 4)) (= path (_ bv2 4)) (= path (_ bv3 4))))
(assert
 (let (($x66 (= port0 (_ bv21 5))))
 (let (($x67 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) $x66)))
 (let (($x145 (bvule src0 (_ bv26 5))))
 (let (($x149 (or (and $x145 $x67) (and (= src0 (_ bv27 5)) false))))
 (let (($x153 (and $x149 (and (and (= port0 (_ bv4 5)) (bvule src0 (_ bv27 5))) (not false)))))
 (=> reach0 $x153)))))))
(assert
 (let (($x154 (= src0 (_ bv19 5))))
 (let (($x157 (= port0 (_ bv14 5))))
 (let (($x158 (and $x157 $x154)))
 (let (($x118 (= port0 (_ bv2 5))))
 (let (($x155 (and $x118 $x154)))
 (let (($x165 (or $x155 $x158 (and $x157 (and (bvuge src0 (_ bv2 5)) (bvule src0 (_ bv16 5)))) (and (= port0 (_ bv18 5)) (and (bvuge src0 (_ bv2 5)) (bvule src0 (_ bv16 5)))))))
 (let (($x66 (= port0 (_ bv21 5))))
 (let (($x67 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) $x66)))
 (let (($x145 (bvule src0 (_ bv26 5))))
 (let (($x149 (or (and $x145 $x67) (and (= src0 (_ bv27 5)) false))))
 (let (($x166 (and $x149 $x165)))
 (=> reach1 $x166)))))))))))))
(assert
 (let (($x115 (and false (and (bvuge src2 (_ bv2 5)) (bvule src2 (_ bv16 5))))))
 (let (($x116 (or (and true (= src2 (_ bv19 5))) (and false (= src2 (_ bv19 5))) $x115 $x115)))
 (let (($x107 (= src2 (_ bv19 5))))
 (let (($x105 (not (= path (_ bv4 4)))))
 (let (($x90 (or (= path (_ bv0 4)) (= path (_ bv1 4)) (= path (_ bv2 4)) (= path (_ bv3 4)))))
 (let (($x102 (not (and $x90 (not (= h0.x-admin-secret (_ bv3 3)))))))
 (let (($x97 (not opaque.rate_limit)))
 (let (($x96 (not opaque.bot_control)))
 (let (($x95 (not opaque.known_bad_inputs)))
 (let (($x94 (not opaque.common_rules)))
 (let (($x93 (not opaque.ip_reputation)))
 (let (($x92 (= port0 (_ bv4 5))))
 (let (($x117 (and (and $x92 $x93 $x94 $x95 $x96 $x97 $x102 $x105 true) $x107 $x116 reach0)))
 (=> reach2 $x117)))))))))))))))
(assert
 (let (($x131 (or (and true (= src3 (_ bv15 5))) (and true (and (bvuge src3 (_ bv2 5)) (bvule src3 (_ bv16 5)))))))
 (let (($x125 (= src3 (_ bv15 5))))
 (let (($x122 (not (= path (_ bv5 4)))))
 (let (($x118 (= port0 (_ bv2 5))))
 (let (($x132 (and (and $x118 (not (not (= h0.x-origin-verify (_ bv2 3)))) $x122 true) $x125 $x131 reach1)))
 (=> reach3 $x132)))))))
(assert
 (let (($x143 (or (and true (= src4 (_ bv15 5))) (and true (and (bvuge src4 (_ bv2 5)) (bvule src4 (_ bv16 5)))))))
 (let (($x137 (= src4 (_ bv15 5))))
 (let (($x144 (and (and true (not (not (= (_ bv2 3) (_ bv2 3)))) (not (= path (_ bv5 4))) true) $x137 $x143 reach2)))
 (=> reach4 $x144)))))
(assert
 (let (($x90 (or (= path (_ bv0 4)) (= path (_ bv1 4)) (= path (_ bv2 4)) (= path (_ bv3 4)))))
 (let (($x187 (and $x90 (not (= h0.authorization (_ bv4 3))))))
 (let (($x178 (or (= path (_ bv6 4)) (= path (_ bv7 4)) (= path (_ bv8 4)))))
 (let (($x190 (=> true (not (or (and $x178 (not (not (= h0.authorization (_ bv0 3))))) $x187)))))
 (let (($x192 (and reach4 true $x190)))
 (let (($x191 (and reach3 true $x190)))
 (or $x191 $x192))))))))
(check-sat)
