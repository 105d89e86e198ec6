;; Int8 row · int16 query dot products with WebAssembly SIMD, for the exact vector scan.
;; Source of the bytes in dots.wasm.ts: `npm run build:wasm` compiles this file with wabt, and a
;; test checks that the two agree.
;;
;; dots(q, data, rows, n, dim, out): for r in [0, n): i = rows ? rows[r] : r;
;;   out[r] = Σ_d data[i·dim + d] · q[d]     (int8 × int16 → int32; dim a multiple of 16)
;; The caller keeps |Σ| < 2^31 by choosing the query's scale (127 · qmax · dim < 2^31).
(module
  (import "env" "memory" (memory 1))
  (func (export "dots")
    (param $q i32) (param $data i32) (param $rows i32) (param $n i32) (param $dim i32) (param $out i32)
    (local $r i32) (local $base i32) (local $d i32) (local $acc v128) (local $x v128) (local $qd i32)
    (if (i32.eqz (local.get $n)) (then (return)))
    (loop $row
      ;; base = data + i·dim
      (local.set $base
        (i32.add (local.get $data)
          (i32.mul (local.get $dim)
            (if (result i32) (local.get $rows)
              (then (i32.load (i32.add (local.get $rows) (i32.shl (local.get $r) (i32.const 2)))))
              (else (local.get $r))))))
      (local.set $acc (v128.const i32x4 0 0 0 0))
      (local.set $d (i32.const 0))
      (local.set $qd (local.get $q))
      (loop $col
        (local.set $x (v128.load align=1 (i32.add (local.get $base) (local.get $d))))
        (local.set $acc
          (i32x4.add (local.get $acc)
            (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_s (local.get $x)) (v128.load align=2 (local.get $qd)))))
        (local.set $acc
          (i32x4.add (local.get $acc)
            (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_s (local.get $x)) (v128.load offset=16 align=2 (local.get $qd)))))
        (local.set $qd (i32.add (local.get $qd) (i32.const 32)))
        (local.set $d (i32.add (local.get $d) (i32.const 16)))
        (br_if $col (i32.lt_u (local.get $d) (local.get $dim))))
      (i32.store
        (i32.add (local.get $out) (i32.shl (local.get $r) (i32.const 2)))
        (i32.add
          (i32.add (i32x4.extract_lane 0 (local.get $acc)) (i32x4.extract_lane 1 (local.get $acc)))
          (i32.add (i32x4.extract_lane 2 (local.get $acc)) (i32x4.extract_lane 3 (local.get $acc)))))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br_if $row (i32.lt_u (local.get $r) (local.get $n))))))
