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
 (= path (_ bv4 4)))
(assert
 (let (($x63 (= port0 (_ bv21 5))))
 (let (($x64 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) $x63)))
 (let (($x138 (and $x64 (and (= port0 (_ bv4 5)) (bvule src0 (_ bv26 5))))))
 (=> reach0 $x138)))))
(assert
 (let (($x140 (= src0 (_ bv19 5))))
 (let (($x116 (= port0 (_ bv14 5))))
 (let (($x142 (and $x116 $x140)))
 (let (($x141 (and (= port0 (_ bv2 5)) $x140)))
 (let (($x146 (or $x141 $x142 (and $x116 (and (bvuge src0 (_ bv2 5)) (bvule src0 (_ bv16 5)))) (and (= port0 (_ bv18 5)) (and (bvuge src0 (_ bv2 5)) (bvule src0 (_ bv16 5)))))))
 (let (($x63 (= port0 (_ bv21 5))))
 (let (($x64 (or (and (bvuge port0 (_ bv1 5)) (bvule port0 (_ bv19 5))) $x63)))
 (let (($x147 (and $x64 $x146)))
 (=> reach1 $x147))))))))))
(assert
 (let (($x113 (or (and false (= src2 (_ bv19 5))) (and true (= src2 (_ bv19 5))) (and true (and (bvuge src2 (_ bv2 5)) (bvule src2 (_ bv16 5)))) (and false (and (bvuge src2 (_ bv2 5)) (bvule src2 (_ bv16 5)))))))
 (let (($x103 (= src2 (_ bv19 5))))
 (let (($x94 (= path (_ bv4 4))))
 (let (($x101 (not opaque.rate_limit)))
 (let (($x100 (not opaque.bot_control)))
 (let (($x99 (not opaque.known_bad_inputs)))
 (let (($x98 (not opaque.common_rules)))
 (let (($x97 (not opaque.ip_reputation)))
 (let (($x96 (= port0 (_ bv4 5))))
 (let (($x114 (and (and $x96 $x97 $x98 $x99 $x100 $x101 $x94) $x103 $x113 reach0)))
 (=> reach2 $x114))))))))))))
(assert
 (let (($x125 (= src3 (_ bv15 5))))
 (let (($x118 (bvule src0 (_ bv16 5))))
 (let (($x119 (and (bvuge src0 (_ bv2 5)) $x118)))
 (let (($x80 (= h0.x-origin-verify (_ bv2 3))))
 (let (($x116 (= port0 (_ bv14 5))))
 (let (($x127 (and (and $x116 (not (not (or $x80 $x119))) true) $x125 (and true $x125) reach1)))
 (=> reach3 $x127))))))))
(assert
 (let (($x133 (= src4 (_ bv15 5))))
 (let (($x130 (not (or (= (_ bv2 3) (_ bv2 3)) (and (bvuge src2 (_ bv2 5)) (bvule src2 (_ bv16 5)))))))
 (let (($x135 (and (and true (not $x130) true) $x133 (and true $x133) reach2)))
 (=> reach4 $x135)))))
(assert
 (let (($x153 (not opaque.langfuse_login_missing)))
 (let (($x154 (=> true $x153)))
 (let (($x156 (and reach4 true $x154)))
 (let (($x155 (and reach3 true $x154)))
 (or $x155 $x156))))))
(check-sat)
