; stargate-verify proof obligation
; policy file: sandbox.sg, line 326
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
 (bvule path (_ bv3 4)))
(assert
 (let (($x66 (= port0 (_ bv21 5))))
 (let (($x67 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) $x66)))
 (let (($x138 (bvule src0 (_ bv26 5))))
 (let (($x142 (or (and $x138 $x67) (and (= src0 (_ bv27 5)) false))))
 (let (($x144 (and $x142 (and (= port0 (_ bv4 5)) (bvule src0 (_ bv27 5))))))
 (=> reach0 $x144)))))))
(assert
 (let (($x145 (= src0 (_ bv19 5))))
 (let (($x148 (= port0 (_ bv14 5))))
 (let (($x149 (and $x148 $x145)))
 (let (($x111 (= port0 (_ bv2 5))))
 (let (($x146 (and $x111 $x145)))
 (let (($x156 (or $x146 $x149 (and $x148 (and (bvuge src0 (_ bv2 5)) (bvule src0 (_ bv16 5)))) (and (= port0 (_ bv18 5)) (and (bvuge src0 (_ bv2 5)) (bvule src0 (_ bv16 5)))))))
 (let (($x66 (= port0 (_ bv21 5))))
 (let (($x67 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) $x66)))
 (let (($x138 (bvule src0 (_ bv26 5))))
 (let (($x142 (or (and $x138 $x67) (and (= src0 (_ bv27 5)) false))))
 (let (($x157 (and $x142 $x156)))
 (=> reach1 $x157)))))))))))))
(assert
 (let (($x108 (and false (and (bvuge src2 (_ bv2 5)) (bvule src2 (_ bv16 5))))))
 (let (($x109 (or (and true (= src2 (_ bv19 5))) (and false (= src2 (_ bv19 5))) $x108 $x108)))
 (let (($x100 (= src2 (_ bv19 5))))
 (let (($x98 (not (= path (_ bv4 4)))))
 (let (($x90 (not opaque.rate_limit)))
 (let (($x89 (not opaque.bot_control)))
 (let (($x88 (not opaque.known_bad_inputs)))
 (let (($x87 (not opaque.common_rules)))
 (let (($x86 (not opaque.ip_reputation)))
 (let (($x85 (= port0 (_ bv4 5))))
 (let (($x99 (and $x85 $x86 $x87 $x88 $x89 $x90 (not (and (bvule path (_ bv3 4)) (not (= h0.x-admin-secret (_ bv3 3))))) $x98 true)))
 (let (($x110 (and $x99 $x100 $x109 reach0)))
 (=> reach2 $x110))))))))))))))
(assert
 (let (($x124 (or (and true (= src3 (_ bv15 5))) (and true (and (bvuge src3 (_ bv2 5)) (bvule src3 (_ bv16 5)))))))
 (let (($x118 (= src3 (_ bv15 5))))
 (let (($x115 (not (= path (_ bv5 4)))))
 (let (($x111 (= port0 (_ bv2 5))))
 (let (($x125 (and (and $x111 (not (not (= h0.x-origin-verify (_ bv2 3)))) $x115 true) $x118 $x124 reach1)))
 (=> reach3 $x125)))))))
(assert
 (let (($x136 (or (and true (= src4 (_ bv15 5))) (and true (and (bvuge src4 (_ bv2 5)) (bvule src4 (_ bv16 5)))))))
 (let (($x130 (= src4 (_ bv15 5))))
 (let (($x137 (and (and true (not (not (= (_ bv2 3) (_ bv2 3)))) (not (= path (_ bv5 4))) true) $x130 $x136 reach2)))
 (=> reach4 $x137)))))
(assert
 (let (($x172 (and (and (bvuge path (_ bv6 4)) (bvule path (_ bv8 4))) (not (not (= h0.authorization (_ bv0 3)))))))
 (let (($x178 (not (or $x172 (and (bvule path (_ bv3 4)) (not (= h0.authorization (_ bv4 3))))))))
 (let (($x179 (=> true $x178)))
 (let (($x181 (and reach4 true $x179)))
 (let (($x180 (and reach3 true $x179)))
 (or $x180 $x181)))))))
(check-sat)
