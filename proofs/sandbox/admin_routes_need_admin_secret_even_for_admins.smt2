; stargate-verify proof obligation
; policy file: sandbox.sg, line 334
; assertion: admin_routes_need_admin_secret_even_for_admins (requires)
; every path admins -> litellm where path in [/key/*, /user/*, /model/*, /spend/*] requires header X-Admin-Secret == admin_secret
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
 (bvult h0.x-origin-verify (_ bv5 3)))
(assert
 (let (($x74 (= h0.x-origin-verify (_ bv2 3))))
 (not $x74)))
(assert
 (bvult h0.authorization (_ bv5 3)))
(assert
 (not (= h0.authorization (_ bv2 3))))
(assert
 (or (= path (_ bv0 4)) (= path (_ bv1 4)) (= path (_ bv2 4)) (= path (_ bv3 4))))
(assert
 (not (= h0.x-admin-secret (_ bv3 3))))
(assert
 (let (($x63 (= port0 (_ bv21 5))))
 (let (($x64 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) $x63)))
 (let (($x144 (and $x64 (and (= port0 (_ bv4 5)) (bvule src0 (_ bv26 5))))))
 (=> reach0 $x144)))))
(assert
 (let (($x145 (= src0 (_ bv19 5))))
 (let (($x148 (= port0 (_ bv14 5))))
 (let (($x149 (and $x148 $x145)))
 (let (($x115 (= port0 (_ bv2 5))))
 (let (($x146 (and $x115 $x145)))
 (let (($x156 (or $x146 $x149 (and $x148 (and (bvuge src0 (_ bv2 5)) (bvule src0 (_ bv16 5)))) (and (= port0 (_ bv18 5)) (and (bvuge src0 (_ bv2 5)) (bvule src0 (_ bv16 5)))))))
 (let (($x63 (= port0 (_ bv21 5))))
 (let (($x64 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) $x63)))
 (let (($x157 (and $x64 $x156)))
 (=> reach1 $x157)))))))))))
(assert
 (let (($x112 (and false (and (bvuge src2 (_ bv2 5)) (bvule src2 (_ bv16 5))))))
 (let (($x113 (or (and true (= src2 (_ bv19 5))) (and false (= src2 (_ bv19 5))) $x112 $x112)))
 (let (($x104 (= src2 (_ bv19 5))))
 (let (($x102 (not (= path (_ bv4 4)))))
 (let (($x90 (not (= h0.x-admin-secret (_ bv3 3)))))
 (let (($x87 (or (= path (_ bv0 4)) (= path (_ bv1 4)) (= path (_ bv2 4)) (= path (_ bv3 4)))))
 (let (($x99 (not (and $x87 $x90))))
 (let (($x97 (not opaque.rate_limit)))
 (let (($x96 (not opaque.bot_control)))
 (let (($x95 (not opaque.known_bad_inputs)))
 (let (($x94 (not opaque.common_rules)))
 (let (($x93 (not opaque.ip_reputation)))
 (let (($x92 (= port0 (_ bv4 5))))
 (let (($x114 (and (and $x92 $x93 $x94 $x95 $x96 $x97 $x99 $x102 true) $x104 $x113 reach0)))
 (=> reach2 $x114))))))))))))))))
(assert
 (let (($x128 (or (and true (= src3 (_ bv15 5))) (and true (and (bvuge src3 (_ bv2 5)) (bvule src3 (_ bv16 5)))))))
 (let (($x122 (= src3 (_ bv15 5))))
 (let (($x119 (not (= path (_ bv5 4)))))
 (let (($x115 (= port0 (_ bv2 5))))
 (let (($x129 (and (and $x115 (not (not (= h0.x-origin-verify (_ bv2 3)))) $x119 true) $x122 $x128 reach1)))
 (=> reach3 $x129)))))))
(assert
 (let (($x140 (or (and true (= src4 (_ bv15 5))) (and true (and (bvuge src4 (_ bv2 5)) (bvule src4 (_ bv16 5)))))))
 (let (($x134 (= src4 (_ bv15 5))))
 (let (($x141 (and (and true (not (not (= (_ bv2 3) (_ bv2 3)))) (not (= path (_ bv5 4))) true) $x134 $x140 reach2)))
 (=> reach4 $x141)))))
(assert
 (let (($x87 (or (= path (_ bv0 4)) (= path (_ bv1 4)) (= path (_ bv2 4)) (= path (_ bv3 4)))))
 (let (($x178 (and $x87 (not (= h0.authorization (_ bv4 3))))))
 (let (($x169 (or (= path (_ bv6 4)) (= path (_ bv7 4)) (= path (_ bv8 4)))))
 (let (($x181 (=> true (not (or (and $x169 (not (not (= h0.authorization (_ bv0 3))))) $x178)))))
 (let (($x183 (and reach4 true $x181)))
 (let (($x182 (and reach3 true $x181)))
 (or $x182 $x183))))))))
(check-sat)
