; stargate-verify proof obligation
; policy file: sandbox.sg, line 377
; assertion: litellm_to_bedrock_encrypted (encrypted)
; every path litellm -> aws_apis encrypted
; (check-sat) answers unsat exactly when the assertion is PROVED;
; sat means it is refuted (a counterexample exists).
; benchmark generated from rust API
(set-info :status unknown)
(declare-fun src0 () (_ BitVec 32))
(declare-fun port0 () (_ BitVec 17))
(declare-fun method () (_ BitVec 1))
(declare-fun path () (_ BitVec 4))
(declare-fun |h0\|x-admin-secret| () (_ BitVec 3))
(declare-fun |h0\|x-origin-verify| () (_ BitVec 3))
(declare-fun |h0\|authorization| () (_ BitVec 3))
(assert
 (or (and (bvuge src0 (_ bv169083136 32)) (bvule src0 (_ bv169083155 32))) (and (bvuge src0 (_ bv169083157 32)) (bvule src0 (_ bv169083165 32))) (and (bvuge src0 (_ bv169083167 32)) (bvule src0 (_ bv169083411 32))) (and (bvuge src0 (_ bv169083413 32)) (bvule src0 (_ bv169083421 32))) (and (bvuge src0 (_ bv169083423 32)) (bvule src0 (_ bv169083677 32))) (and (bvuge src0 (_ bv169083679 32)) (bvule src0 (_ bv169083903 32)))))
(assert
 (or (and (bvuge port0 (_ bv1 17)) (bvule port0 (_ bv65535 17))) (bvuge port0 (_ bv65537 17))))
(assert
 (bvult method (_ bv1 1)))
(assert
 (bvult path (_ bv12 4)))
(assert
 (bvult |h0\|x-admin-secret| (_ bv5 3)))
(assert
 (not (= |h0\|x-admin-secret| (_ bv2 3))))
(assert
 (not (= |h0\|x-admin-secret| (_ bv3 3))))
(assert
 (not (= |h0\|x-admin-secret| (_ bv4 3))))
(assert
 (bvult |h0\|x-origin-verify| (_ bv5 3)))
(assert
 (not (= |h0\|x-origin-verify| (_ bv2 3))))
(assert
 (not (= |h0\|x-origin-verify| (_ bv3 3))))
(assert
 (not (= |h0\|x-origin-verify| (_ bv4 3))))
(assert
 (bvult |h0\|authorization| (_ bv5 3)))
(assert
 (not (= |h0\|authorization| (_ bv2 3))))
(assert
 (not (= |h0\|authorization| (_ bv3 3))))
(assert
 (not (= |h0\|authorization| (_ bv4 3))))
(assert
 true)
(assert
 or)
(check-sat)
