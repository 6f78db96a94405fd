; stargate-verify proof obligation
; policy file: sandbox.sg, line 324
; assertion: public_langfuse (path)
; path internet -> langfuse where path in /langfuse/*
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
(declare-fun opaque.langfuse_login_missing () Bool)
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
 (= path (_ bv4 4)))
(assert
 (let (($x66 (= port0 (_ bv21 5))))
 (let (($x67 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) $x66)))
 (let (($x139 (bvule src0 (_ bv26 5))))
 (let (($x143 (or (and $x139 $x67) (and (= src0 (_ bv27 5)) false))))
 (let (($x145 (and $x143 (and (= port0 (_ bv4 5)) (bvule src0 (_ bv27 5))))))
 (=> reach0 $x145)))))))
(assert
 (let (($x147 (= src0 (_ bv19 5))))
 (let (($x119 (= port0 (_ bv14 5))))
 (let (($x149 (and $x119 $x147)))
 (let (($x148 (and (= port0 (_ bv2 5)) $x147)))
 (let (($x153 (or $x148 $x149 (and $x119 (and (bvuge src0 (_ bv2 5)) (bvule src0 (_ bv16 5)))) (and (= port0 (_ bv18 5)) (and (bvuge src0 (_ bv2 5)) (bvule src0 (_ bv16 5)))))))
 (let (($x66 (= port0 (_ bv21 5))))
 (let (($x67 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) $x66)))
 (let (($x139 (bvule src0 (_ bv26 5))))
 (let (($x143 (or (and $x139 $x67) (and (= src0 (_ bv27 5)) false))))
 (let (($x154 (and $x143 $x153)))
 (=> reach1 $x154))))))))))))
(assert
 (let (($x116 (or (and false (= src2 (_ bv19 5))) (and true (= src2 (_ bv19 5))) (and true (and (bvuge src2 (_ bv2 5)) (bvule src2 (_ bv16 5)))) (and false (and (bvuge src2 (_ bv2 5)) (bvule src2 (_ bv16 5)))))))
 (let (($x106 (= src2 (_ bv19 5))))
 (let (($x97 (= path (_ bv4 4))))
 (let (($x104 (not opaque.rate_limit)))
 (let (($x103 (not opaque.bot_control)))
 (let (($x102 (not opaque.known_bad_inputs)))
 (let (($x101 (not opaque.common_rules)))
 (let (($x100 (not opaque.ip_reputation)))
 (let (($x99 (= port0 (_ bv4 5))))
 (let (($x117 (and (and $x99 $x100 $x101 $x102 $x103 $x104 $x97) $x106 $x116 reach0)))
 (=> reach2 $x117))))))))))))
(assert
 (let (($x128 (= src3 (_ bv15 5))))
 (let (($x121 (bvule src0 (_ bv16 5))))
 (let (($x122 (and (bvuge src0 (_ bv2 5)) $x121)))
 (let (($x83 (= h0.x-origin-verify (_ bv2 3))))
 (let (($x119 (= port0 (_ bv14 5))))
 (let (($x130 (and (and $x119 (not (not (or $x83 $x122))) true) $x128 (and true $x128) reach1)))
 (=> reach3 $x130))))))))
(assert
 (let (($x136 (= src4 (_ bv15 5))))
 (let (($x133 (not (or (= (_ bv2 3) (_ bv2 3)) (and (bvuge src2 (_ bv2 5)) (bvule src2 (_ bv16 5)))))))
 (let (($x138 (and (and true (not $x133) true) $x136 (and true $x136) reach2)))
 (=> reach4 $x138)))))
(assert
 (let (($x160 (not opaque.langfuse_login_missing)))
 (let (($x161 (=> true $x160)))
 (let (($x163 (and reach4 true $x161)))
 (let (($x162 (and reach3 true $x161)))
 (or $x162 $x163))))))
(check-sat)
