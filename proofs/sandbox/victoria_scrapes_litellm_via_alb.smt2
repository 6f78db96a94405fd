; stargate-verify proof obligation
; policy file: sandbox.sg, line 417
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
 (= path (_ bv10 4)))
(assert
 (= port0 (_ bv2 5)))
(assert
 (let (($x131 (and (or (= port0 (_ bv2 5)) (= port0 (_ bv4 5))) (and (= port0 (_ bv4 5)) (bvule src0 (_ bv26 5))))))
 (=> reach0 $x131)))
(assert
 (let (($x108 (and false (and (bvuge src1 (_ bv2 5)) (bvule src1 (_ bv16 5))))))
 (let (($x109 (or (and true (= src1 (_ bv19 5))) (and false (= src1 (_ bv19 5))) $x108 $x108)))
 (let (($x101 (= src1 (_ bv19 5))))
 (let (($x56 (not (= h0.x-admin-secret (_ bv3 3)))))
 (let (($x94 (or (= path (_ bv0 4)) (= path (_ bv1 4)) (= path (_ bv2 4)) (= path (_ bv3 4)))))
 (let (($x80 (= port0 (_ bv4 5))))
 (let (($x100 (and $x80 (not opaque.ip_reputation) (not opaque.common_rules) (not opaque.known_bad_inputs) (not opaque.bot_control) (not opaque.rate_limit) (not (and $x94 $x56)) (not (= path (_ bv4 4))) true)))
 (let (($x110 (and $x100 $x101 $x109 reach0)))
 (=> reach1 $x110))))))))))
(assert
 (let (($x125 (or (and true (= src2 (_ bv15 5))) (and true (and (bvuge src2 (_ bv2 5)) (bvule src2 (_ bv16 5)))))))
 (let (($x119 (= src2 (_ bv15 5))))
 (let (($x126 (and (and true (not (not (= (_ bv2 3) (_ bv2 3)))) (not (= path (_ bv5 4))) true) $x119 $x125 reach1)))
 (=> reach2 $x126)))))
(assert
 (let (($x73 (not (= h0.authorization (_ bv4 3)))))
 (let (($x94 (or (= path (_ bv0 4)) (= path (_ bv1 4)) (= path (_ bv2 4)) (= path (_ bv3 4)))))
 (let (($x146 (and (or (= path (_ bv6 4)) (= path (_ bv7 4)) (= path (_ bv8 4))) (not (not (= h0.authorization (_ bv0 3)))))))
 (=> true (not (or $x146 (and $x94 $x73))))))))
(assert
 reach2)
(check-sat)
