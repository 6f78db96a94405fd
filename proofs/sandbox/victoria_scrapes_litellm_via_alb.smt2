; stargate-verify proof obligation
; policy file: sandbox.sg, line 410
; assertion: victoria_scrapes_litellm_via_alb (path)
; path victoria -> litellm where port in 80 and path in /metrics/
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
(declare-fun src1 () (_ BitVec 5))
(declare-fun opaque.rate_limit () Bool)
(declare-fun opaque.bot_control () Bool)
(declare-fun opaque.known_bad_inputs () Bool)
(declare-fun opaque.common_rules () Bool)
(declare-fun opaque.ip_reputation () Bool)
(declare-fun reach1 () Bool)
(declare-fun src2 () (_ BitVec 5))
(declare-fun reach2 () Bool)
(assert
 (or (= src0 (_ bv3 5)) (= src0 (_ bv5 5)) (= src0 (_ bv7 5)) (= src0 (_ bv9 5)) (= src0 (_ bv11 5)) (= src0 (_ bv13 5))))
(assert
 (let (($x61 (= port0 (_ bv21 5))))
 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) $x61)))
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
 (let (($x94 (= path (_ bv10 4))))
 (let (($x92 (= port0 (_ bv2 5))))
 (and $x92 $x94))))
(assert
 (let (($x97 (= port0 (_ bv4 5))))
 (let (($x92 (= port0 (_ bv2 5))))
 (let (($x137 (or $x92 $x97)))
 (let (($x141 (and $x137 (and $x97 (bvule src0 (_ bv27 5))))))
 (=> reach0 $x141))))))
(assert
 (let (($x118 (and false (and (bvuge src1 (_ bv2 5)) (bvule src1 (_ bv16 5))))))
 (let (($x119 (or (and true (= src1 (_ bv19 5))) (and false (= src1 (_ bv19 5))) $x118 $x118)))
 (let (($x111 (= src1 (_ bv19 5))))
 (let (($x109 (not (= path (_ bv4 4)))))
 (let (($x102 (not opaque.rate_limit)))
 (let (($x101 (not opaque.bot_control)))
 (let (($x100 (not opaque.known_bad_inputs)))
 (let (($x99 (not opaque.common_rules)))
 (let (($x98 (not opaque.ip_reputation)))
 (let (($x97 (= port0 (_ bv4 5))))
 (let (($x110 (and $x97 $x98 $x99 $x100 $x101 $x102 (not (and (bvule path (_ bv3 4)) (not (= h0.x-admin-secret (_ bv3 3))))) $x109 true)))
 (let (($x120 (and $x110 $x111 $x119 reach0)))
 (=> reach1 $x120))))))))))))))
(assert
 (let (($x135 (or (and true (= src2 (_ bv15 5))) (and true (and (bvuge src2 (_ bv2 5)) (bvule src2 (_ bv16 5)))))))
 (let (($x129 (= src2 (_ bv15 5))))
 (let (($x136 (and (and true (not (not (= (_ bv2 3) (_ bv2 3)))) (not (= path (_ bv5 4))) true) $x129 $x135 reach1)))
 (=> reach2 $x136)))))
(assert
 (let (($x154 (and (and (bvuge path (_ bv6 4)) (bvule path (_ bv8 4))) (not (not (= h0.authorization (_ bv0 3)))))))
 (let (($x157 (not (or $x154 (and (bvule path (_ bv3 4)) (not (= h0.authorization (_ bv4 3))))))))
 (and reach2 true (=> true $x157)))))
(check-sat)
