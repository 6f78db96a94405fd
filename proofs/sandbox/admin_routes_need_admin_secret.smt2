; stargate-verify proof obligation
; policy file: sandbox.sg, line 331
; assertion: admin_routes_need_admin_secret (requires)
; every path internet -> litellm where path in [/key/*, /user/*, /model/*, /spend/*] requires header X-Admin-Secret == admin_secret
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
 (or (= path (_ bv0 4)) (= path (_ bv1 4)) (= path (_ bv2 4)) (= path (_ bv3 4))))
(assert
 (not (= h0.x-admin-secret (_ bv3 3))))
(assert
 (let (($x63 (= port0 (_ bv21 5))))
 (let (($x64 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) $x63)))
 (let (($x155 (and $x64 (and (= port0 (_ bv4 5)) (bvule src0 (_ bv26 5))))))
 (=> reach0 $x155)))))
(assert
 (let (($x156 (= src0 (_ bv19 5))))
 (let (($x159 (= port0 (_ bv14 5))))
 (let (($x160 (and $x159 $x156)))
 (let (($x126 (= port0 (_ bv2 5))))
 (let (($x157 (and $x126 $x156)))
 (let (($x167 (or $x157 $x160 (and $x159 (and (bvuge src0 (_ bv2 5)) (bvule src0 (_ bv16 5)))) (and (= port0 (_ bv18 5)) (and (bvuge src0 (_ bv2 5)) (bvule src0 (_ bv16 5)))))))
 (let (($x63 (= port0 (_ bv21 5))))
 (let (($x64 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) $x63)))
 (let (($x168 (and $x64 $x167)))
 (=> reach1 $x168)))))))))))
(assert
 (let (($x123 (and false (and (bvuge src2 (_ bv2 5)) (bvule src2 (_ bv16 5))))))
 (let (($x124 (or (and true (= src2 (_ bv19 5))) (and false (= src2 (_ bv19 5))) $x123 $x123)))
 (let (($x115 (= src2 (_ bv19 5))))
 (let (($x113 (not (= path (_ bv4 4)))))
 (let (($x75 (not (= h0.x-admin-secret (_ bv3 3)))))
 (let (($x101 (or (= path (_ bv0 4)) (= path (_ bv1 4)) (= path (_ bv2 4)) (= path (_ bv3 4)))))
 (let (($x110 (not (and $x101 $x75))))
 (let (($x108 (not opaque.rate_limit)))
 (let (($x107 (not opaque.bot_control)))
 (let (($x106 (not opaque.known_bad_inputs)))
 (let (($x105 (not opaque.common_rules)))
 (let (($x104 (not opaque.ip_reputation)))
 (let (($x103 (= port0 (_ bv4 5))))
 (let (($x125 (and (and $x103 $x104 $x105 $x106 $x107 $x108 $x110 $x113 true) $x115 $x124 reach0)))
 (=> reach2 $x125))))))))))))))))
(assert
 (let (($x139 (or (and true (= src3 (_ bv15 5))) (and true (and (bvuge src3 (_ bv2 5)) (bvule src3 (_ bv16 5)))))))
 (let (($x133 (= src3 (_ bv15 5))))
 (let (($x130 (not (= path (_ bv5 4)))))
 (let (($x126 (= port0 (_ bv2 5))))
 (let (($x140 (and (and $x126 (not (not (= h0.x-origin-verify (_ bv2 3)))) $x130 true) $x133 $x139 reach1)))
 (=> reach3 $x140)))))))
(assert
 (let (($x151 (or (and true (= src4 (_ bv15 5))) (and true (and (bvuge src4 (_ bv2 5)) (bvule src4 (_ bv16 5)))))))
 (let (($x145 (= src4 (_ bv15 5))))
 (let (($x152 (and (and true (not (not (= (_ bv2 3) (_ bv2 3)))) (not (= path (_ bv5 4))) true) $x145 $x151 reach2)))
 (=> reach4 $x152)))))
(assert
 (let (($x92 (not (= h0.authorization (_ bv4 3)))))
 (let (($x101 (or (= path (_ bv0 4)) (= path (_ bv1 4)) (= path (_ bv2 4)) (= path (_ bv3 4)))))
 (let (($x186 (and $x101 $x92)))
 (let (($x180 (or (= path (_ bv6 4)) (= path (_ bv7 4)) (= path (_ bv8 4)))))
 (let (($x189 (=> true (not (or (and $x180 (not (not (= h0.authorization (_ bv0 3))))) $x186)))))
 (let (($x191 (and reach4 true $x189)))
 (let (($x190 (and reach3 true $x189)))
 (or $x190 $x191)))))))))
(check-sat)
