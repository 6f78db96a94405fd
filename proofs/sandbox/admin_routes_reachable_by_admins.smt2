; stargate-verify proof obligation
; policy file: sandbox.sg, line 328
; assertion: admin_routes_reachable_by_admins (path)
; path admins -> litellm where path in [/key/*, /user/*, /model/*, /spend/*]
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
 (or (= src0 (_ bv0 5)) (and (bvuge src0 (_ bv18 5)) (bvule src0 (_ bv22 5))) (= src0 (_ bv24 5)) (= src0 (_ bv26 5))))
(assert
 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) (= port0 (_ bv21 5))))
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
 (not (= h0.x-origin-verify (_ bv2 3))))
(assert
 (bvult h0.authorization (_ bv5 3)))
(assert
 (not (= h0.authorization (_ bv2 3))))
(assert
 (or (= path (_ bv0 4)) (= path (_ bv1 4)) (= path (_ bv2 4)) (= path (_ bv3 4))))
(assert
 (let (($x46 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) (= port0 (_ bv21 5)))))
 (let (($x127 (and $x46 (and (= port0 (_ bv4 5)) (bvule src0 (_ bv26 5))))))
 (=> reach0 $x127))))
(assert
 (let (($x139 (or (and (= port0 (_ bv2 5)) (= src0 (_ bv19 5))) (and (= port0 (_ bv14 5)) (= src0 (_ bv19 5))) (and (= port0 (_ bv14 5)) (and (bvuge src0 (_ bv2 5)) (bvule src0 (_ bv16 5)))) (and (= port0 (_ bv18 5)) (and (bvuge src0 (_ bv2 5)) (bvule src0 (_ bv16 5)))))))
 (let (($x46 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) (= port0 (_ bv21 5)))))
 (let (($x140 (and $x46 $x139)))
 (=> reach1 $x140)))))
(assert
 (let (($x95 (and false (and (bvuge src2 (_ bv2 5)) (bvule src2 (_ bv16 5))))))
 (let (($x96 (or (and true (= src2 (_ bv19 5))) (and false (= src2 (_ bv19 5))) $x95 $x95)))
 (let (($x87 (= src2 (_ bv19 5))))
 (let (($x70 (or (= path (_ bv0 4)) (= path (_ bv1 4)) (= path (_ bv2 4)) (= path (_ bv3 4)))))
 (let (($x72 (= port0 (_ bv4 5))))
 (let (($x86 (and $x72 (not opaque.ip_reputation) (not opaque.common_rules) (not opaque.known_bad_inputs) (not opaque.bot_control) (not opaque.rate_limit) (not (and $x70 (not (= h0.x-admin-secret (_ bv3 3))))) (not (= path (_ bv4 4))) true)))
 (let (($x97 (and $x86 $x87 $x96 reach0)))
 (=> reach2 $x97)))))))))
(assert
 (let (($x111 (or (and true (= src3 (_ bv15 5))) (and true (and (bvuge src3 (_ bv2 5)) (bvule src3 (_ bv16 5)))))))
 (let (($x105 (= src3 (_ bv15 5))))
 (let (($x102 (not (= path (_ bv5 4)))))
 (let (($x98 (= port0 (_ bv2 5))))
 (let (($x112 (and (and $x98 (not (not (= h0.x-origin-verify (_ bv2 3)))) $x102 true) $x105 $x111 reach1)))
 (=> reach3 $x112)))))))
(assert
 (let (($x123 (or (and true (= src4 (_ bv15 5))) (and true (and (bvuge src4 (_ bv2 5)) (bvule src4 (_ bv16 5)))))))
 (let (($x117 (= src4 (_ bv15 5))))
 (let (($x124 (and (and true (not (not (= (_ bv2 3) (_ bv2 3)))) (not (= path (_ bv5 4))) true) $x117 $x123 reach2)))
 (=> reach4 $x124)))))
(assert
 (let (($x70 (or (= path (_ bv0 4)) (= path (_ bv1 4)) (= path (_ bv2 4)) (= path (_ bv3 4)))))
 (let (($x157 (and (or (= path (_ bv6 4)) (= path (_ bv7 4)) (= path (_ bv8 4))) (not (not (= h0.authorization (_ bv0 3)))))))
 (let (($x164 (=> true (not (or $x157 (and $x70 (not (= h0.authorization (_ bv4 3)))))))))
 (let (($x166 (and reach4 true $x164)))
 (let (($x165 (and reach3 true $x164)))
 (or $x165 $x166)))))))
(check-sat)
