; stargate-verify proof obligation
; policy file: sandbox.sg, line 343
; assertion: v1_needs_api_key (requires)
; every path internet -> litellm where path in /v1/* requires header Authorization present
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
 (not (= h0.x-admin-secret (_ bv3 3))))
(assert
 (not (= h0.x-admin-secret (_ bv4 3))))
(assert
 (bvult h0.x-origin-verify (_ bv5 3)))
(assert
 (not (= h0.x-origin-verify (_ bv2 3))))
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
 (or (= path (_ bv6 4)) (= path (_ bv7 4)) (= path (_ bv8 4))))
(assert
 (not (not (= h0.authorization (_ bv0 3)))))
(assert
 (let (($x46 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) (= port0 (_ bv21 5)))))
 (let (($x149 (and $x46 (and (= port0 (_ bv4 5)) (bvule src0 (_ bv26 5))))))
 (=> reach0 $x149))))
(assert
 (let (($x161 (or (and (= port0 (_ bv2 5)) (= src0 (_ bv19 5))) (and (= port0 (_ bv14 5)) (= src0 (_ bv19 5))) (and (= port0 (_ bv14 5)) (and (bvuge src0 (_ bv2 5)) (bvule src0 (_ bv16 5)))) (and (= port0 (_ bv18 5)) (and (bvuge src0 (_ bv2 5)) (bvule src0 (_ bv16 5)))))))
 (let (($x46 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) (= port0 (_ bv21 5)))))
 (let (($x162 (and $x46 $x161)))
 (=> reach1 $x162)))))
(assert
 (let (($x117 (and false (and (bvuge src2 (_ bv2 5)) (bvule src2 (_ bv16 5))))))
 (let (($x118 (or (and true (= src2 (_ bv19 5))) (and false (= src2 (_ bv19 5))) $x117 $x117)))
 (let (($x109 (= src2 (_ bv19 5))))
 (let (($x58 (not (= h0.x-admin-secret (_ bv3 3)))))
 (let (($x102 (or (= path (_ bv0 4)) (= path (_ bv1 4)) (= path (_ bv2 4)) (= path (_ bv3 4)))))
 (let (($x88 (= port0 (_ bv4 5))))
 (let (($x108 (and $x88 (not opaque.ip_reputation) (not opaque.common_rules) (not opaque.known_bad_inputs) (not opaque.bot_control) (not opaque.rate_limit) (not (and $x102 $x58)) (not (= path (_ bv4 4))) true)))
 (let (($x119 (and $x108 $x109 $x118 reach0)))
 (=> reach2 $x119))))))))))
(assert
 (let (($x133 (or (and true (= src3 (_ bv15 5))) (and true (and (bvuge src3 (_ bv2 5)) (bvule src3 (_ bv16 5)))))))
 (let (($x127 (= src3 (_ bv15 5))))
 (let (($x124 (not (= path (_ bv5 4)))))
 (let (($x120 (= port0 (_ bv2 5))))
 (let (($x134 (and (and $x120 (not (not (= h0.x-origin-verify (_ bv2 3)))) $x124 true) $x127 $x133 reach1)))
 (=> reach3 $x134)))))))
(assert
 (let (($x145 (or (and true (= src4 (_ bv15 5))) (and true (and (bvuge src4 (_ bv2 5)) (bvule src4 (_ bv16 5)))))))
 (let (($x139 (= src4 (_ bv15 5))))
 (let (($x146 (and (and true (not (not (= (_ bv2 3) (_ bv2 3)))) (not (= path (_ bv5 4))) true) $x139 $x145 reach2)))
 (=> reach4 $x146)))))
(assert
 (let (($x75 (not (= h0.authorization (_ bv4 3)))))
 (let (($x102 (or (= path (_ bv0 4)) (= path (_ bv1 4)) (= path (_ bv2 4)) (= path (_ bv3 4)))))
 (let (($x86 (not (not (= h0.authorization (_ bv0 3))))))
 (let (($x82 (or (= path (_ bv6 4)) (= path (_ bv7 4)) (= path (_ bv8 4)))))
 (let (($x172 (=> true (not (or (and $x82 $x86) (and $x102 $x75))))))
 (let (($x174 (and reach4 true $x172)))
 (let (($x173 (and reach3 true $x172)))
 (or $x173 $x174)))))))))
(check-sat)
