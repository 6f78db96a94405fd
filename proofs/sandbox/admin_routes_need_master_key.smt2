; stargate-verify proof obligation
; policy file: sandbox.sg, line 336
; assertion: admin_routes_need_master_key (requires)
; every path admins -> litellm where path in [/key/*, /user/*, /model/*, /spend/*] requires header Authorization == litellm_master_key
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
 (not (= h0.authorization (_ bv4 3))))
(assert
 (let (($x66 (= port0 (_ bv21 5))))
 (let (($x67 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) $x66)))
 (let (($x148 (bvule src0 (_ bv26 5))))
 (let (($x152 (or (and $x148 $x67) (and (= src0 (_ bv27 5)) false))))
 (let (($x154 (and $x152 (and (= port0 (_ bv4 5)) (bvule src0 (_ bv27 5))))))
 (=> reach0 $x154)))))))
(assert
 (let (($x155 (= src0 (_ bv19 5))))
 (let (($x158 (= port0 (_ bv14 5))))
 (let (($x159 (and $x158 $x155)))
 (let (($x121 (= port0 (_ bv2 5))))
 (let (($x156 (and $x121 $x155)))
 (let (($x166 (or $x156 $x159 (and $x158 (and (bvuge src0 (_ bv2 5)) (bvule src0 (_ bv16 5)))) (and (= port0 (_ bv18 5)) (and (bvuge src0 (_ bv2 5)) (bvule src0 (_ bv16 5)))))))
 (let (($x66 (= port0 (_ bv21 5))))
 (let (($x67 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) $x66)))
 (let (($x148 (bvule src0 (_ bv26 5))))
 (let (($x152 (or (and $x148 $x67) (and (= src0 (_ bv27 5)) false))))
 (let (($x167 (and $x152 $x166)))
 (=> reach1 $x167)))))))))))))
(assert
 (let (($x118 (and false (and (bvuge src2 (_ bv2 5)) (bvule src2 (_ bv16 5))))))
 (let (($x119 (or (and true (= src2 (_ bv19 5))) (and false (= src2 (_ bv19 5))) $x118 $x118)))
 (let (($x110 (= src2 (_ bv19 5))))
 (let (($x108 (not (= path (_ bv4 4)))))
 (let (($x90 (or (= path (_ bv0 4)) (= path (_ bv1 4)) (= path (_ bv2 4)) (= path (_ bv3 4)))))
 (let (($x105 (not (and $x90 (not (= h0.x-admin-secret (_ bv3 3)))))))
 (let (($x100 (not opaque.rate_limit)))
 (let (($x99 (not opaque.bot_control)))
 (let (($x98 (not opaque.known_bad_inputs)))
 (let (($x97 (not opaque.common_rules)))
 (let (($x96 (not opaque.ip_reputation)))
 (let (($x95 (= port0 (_ bv4 5))))
 (let (($x120 (and (and $x95 $x96 $x97 $x98 $x99 $x100 $x105 $x108 true) $x110 $x119 reach0)))
 (=> reach2 $x120)))))))))))))))
(assert
 (let (($x134 (or (and true (= src3 (_ bv15 5))) (and true (and (bvuge src3 (_ bv2 5)) (bvule src3 (_ bv16 5)))))))
 (let (($x128 (= src3 (_ bv15 5))))
 (let (($x125 (not (= path (_ bv5 4)))))
 (let (($x121 (= port0 (_ bv2 5))))
 (let (($x135 (and (and $x121 (not (not (= h0.x-origin-verify (_ bv2 3)))) $x125 true) $x128 $x134 reach1)))
 (=> reach3 $x135)))))))
(assert
 (let (($x146 (or (and true (= src4 (_ bv15 5))) (and true (and (bvuge src4 (_ bv2 5)) (bvule src4 (_ bv16 5)))))))
 (let (($x140 (= src4 (_ bv15 5))))
 (let (($x147 (and (and true (not (not (= (_ bv2 3) (_ bv2 3)))) (not (= path (_ bv5 4))) true) $x140 $x146 reach2)))
 (=> reach4 $x147)))))
(assert
 (let (($x93 (not (= h0.authorization (_ bv4 3)))))
 (let (($x90 (or (= path (_ bv0 4)) (= path (_ bv1 4)) (= path (_ bv2 4)) (= path (_ bv3 4)))))
 (let (($x185 (and $x90 $x93)))
 (let (($x179 (or (= path (_ bv6 4)) (= path (_ bv7 4)) (= path (_ bv8 4)))))
 (let (($x188 (=> true (not (or (and $x179 (not (not (= h0.authorization (_ bv0 3))))) $x185)))))
 (let (($x190 (and reach4 true $x188)))
 (let (($x189 (and reach3 true $x188)))
 (or $x189 $x190)))))))))
(check-sat)
