// backends/gemmini/conv_codegen.cc — the exo-conv kernel generator (see conv_codegen.h).
#include "conv_codegen.h"

#include <cstdio>
#include <sstream>

namespace autocomp::gemmini {
namespace {

constexpr int kDim = 16;
constexpr int kSpadHalf = 8192;  // scratchpad rows per half (16 B each)
constexpr int kAccHalf = 512;    // accumulator rows per half

std::string S(long v) { return std::to_string(v); }

// Input scratchpad rows one loop_conv_ws block needs: every 16-channel block
// of (rows + 2) x (W + 2) padded pixels.
long LoopConvInputRows(const ConvShape& s, const ConvKnobs& k) {
  return long(s.C / kDim) * (k.rows + 2) * (s.W + 2);
}

void EmitExplicit(std::ostringstream& o, const ConvShape& s, const ConvKnobs& k) {
  const int Cb = s.C / kDim, Kb = s.K / kDim, R = k.rows, OB = k.och;
  o << "  // Explicit tiles: " << R << " output row(s) x 16 pixels x " << 16 * OB
    << " channels per accumulator block;\n"
       "  // each weight tile is preloaded once per block and reused by the later rows\n"
       "  // (compute_accumulated). Input tiles at scratchpad row 0, weights from row 8192.\n";
  if (k.wreuse) o << "  // The weights of a channel group stay in the scratchpad for all its row blocks.\n";
  if (k.dbuf) o << "  // Double buffering: input/weight slots and accumulator halves alternate.\n";
  o << "  config_ex(WEIGHT_STATIONARY, NO_ACTIVATION, 1, false, false);\n";
  o << "  config_st(" << s.K << ", RELU, 0.125f);\n";
  o << "  config_ld(" << s.C << ", 1.0f, 16, 0);        // input pixels: one row per pixel\n";
  o << "  config_ld(" << s.K << ", 1.0f, 16, 1);        // weights: one row per input channel\n";
  o << "  config_ld(0, 1.0f, 16, 2);          // bias: the same row for every pixel\n";
  if (k.dbuf) o << "  unsigned tile = 0, tap = 0;\n";
  // mvin2 of the OB weight blocks of one tap into `dst` (up to 4 blocks per mvin).
  auto weight_mvins = [&](const std::string& ind, const std::string& kh, const std::string& kw,
                          const std::string& dst) {
    for (int g = 0; g < OB; g += 4) {
      const int nb = OB - g < 4 ? OB - g : 4;
      o << ind << "mvin2(&weights[" << kh << "][" << kw << "][16 * ci][16 * (k0 + " << g << ")], " << dst << " + "
        << g * kDim << ", " << nb * kDim << ", 16);\n";
    }
  };
  o << "  for (int n = 0; n < " << s.N << "; n++) {\n";
  o << "    for (int k0 = 0; k0 < " << Kb << "; k0 += " << OB << ") {\n";
  if (k.wreuse) {
    o << "      for (int kh = 0; kh < 3; kh++)\n"
         "        for (int kw = 0; kw < 3; kw++)\n"
         "          for (int ci = 0; ci < " << Cb << "; ci++) {\n";
    weight_mvins("            ", "kh", "kw", "8192 + ((kh * 3 + kw) * " + S(Cb) + " + ci) * " + S(OB * kDim));
    o << "          }\n";
  }
  o << "      for (int oh0 = 0; oh0 < " << s.H << "; oh0 += " << R << ") {\n";
  o << "        for (int ow = 0; ow < " << s.W << "; ow += 16) {\n";
  o << "          const int npix = " << s.W << " - ow < 16 ? " << s.W << " - ow : 16;\n";
  if (k.dbuf) o << "          const uint32_t acc = (1u << 31) + (tile++ & 1) * 512;\n";
  else o << "          const uint32_t acc = 1u << 31;\n";
  o << "          for (int t = 0; t < " << R * OB << "; t++) mvin3(&bias[16 * (k0 + t % " << OB
    << ")], acc + 16 * t, 16, npix);\n";
  o << "          for (int kh = 0; kh < 3; kh++) {\n";
  o << "            for (int kw = 0; kw < 3; kw++) {\n";
  o << "              // output pixels ow..ow+npix-1 read input columns ow+kw-1..\n";
  o << "              int first = ow + kw - 1, lo = 0, hi = npix;\n";
  o << "              if (first < 0) lo = -first;\n";
  o << "              if (first + npix > " << s.W << ") hi = " << s.W << " - first;\n";
  o << "              for (int ci = 0; ci < " << Cb << "; ci++) {\n";
  if (k.dbuf) {
    o << "                const uint32_t in = (tap & 1) * " << R * kDim << ";\n";
  } else {
    o << "                const uint32_t in = 0;\n";
  }
  if (k.wreuse) {
    o << "                const uint32_t w = 8192 + ((kh * 3 + kw) * " << Cb << " + ci) * " << OB * kDim << ";\n";
  } else {
    if (k.dbuf) o << "                const uint32_t w = 8192 + (tap & 1) * " << OB * kDim << ";\n";
    else o << "                const uint32_t w = 8192;\n";
    weight_mvins("                ", "kh", "kw", "w");
  }
  if (k.dbuf) o << "                tap++;\n";
  o << "                for (int r = 0; r < " << R << "; r++) {\n";
  o << "                  const int ih = oh0 + r + kh - 1;\n";
  o << "                  if (ih < 0 || ih >= " << s.H << ") continue;\n";
  o << "                  if (lo > 0 || hi < npix) mvin(0, in + 16 * r, 16, npix);\n";
  o << "                  mvin(&input[n][ih][first + lo][16 * ci], in + 16 * r + lo, 16, hi - lo);\n";
  o << "                }\n";
  o << "                for (int ob = 0; ob < " << OB << "; ob++) {\n";
  o << "                  int fresh = 1;\n";
  o << "                  for (int r = 0; r < " << R << "; r++) {\n";
  o << "                    const int ih = oh0 + r + kh - 1;\n";
  o << "                    if (ih < 0 || ih >= " << s.H << ") continue;\n";
  o << "                    const uint32_t c = (acc + 16 * (r * " << OB << " + ob)) | (1u << 30);\n";
  o << "                    if (fresh) {\n";
  o << "                      preload(w + 16 * ob, c, 16, 16, 16, npix);\n";
  o << "                      compute_preloaded(in + 16 * r, GARBAGE_ADDR, 16, npix, 16, npix);\n";
  o << "                    } else {\n";
  o << "                      preload(GARBAGE_ADDR, c, 16, 16, 16, npix);\n";
  o << "                      compute_accumulated(in + 16 * r, GARBAGE_ADDR, 16, npix, 16, npix);\n";
  o << "                    }\n";
  o << "                    fresh = 0;\n";
  o << "                  }\n";
  o << "                }\n";
  o << "              }\n";
  o << "            }\n";
  o << "          }\n";
  o << "          for (int t = 0; t < " << R * OB << "; t++)\n";
  o << "            mvout(&output[n][oh0 + t / " << OB << "][ow][16 * (k0 + t % " << OB
    << ")], acc + 16 * t, 16, npix);\n";
  o << "        }\n      }\n    }\n  }\n";
}

void EmitLoopConv(std::ostringstream& o, const ConvShape& s, const ConvKnobs& k) {
  const int R = k.rows, och = k.och * kDim;
  o << "  // The hardware convolution unroller on blocks of " << R << " output row(s) x " << s.W << " columns x "
    << och << " channels\n  // (input rows and weights in the first scratchpad half, the block in half the accumulator).\n";
  if (k.wreuse) o << "  // Weights of a channel group are moved in by its first call only and reused by the others.\n";
  if (k.dbuf) o << "  // Double buffering: successive calls put their input rows in alternate scratchpad halves.\n";
  o << "  config_ex(WEIGHT_STATIONARY, NO_ACTIVATION, 1, false, false);\n";
  o << "  config_st(" << s.K << ", RELU, 0.125f);\n";
  if (k.dbuf) o << "  unsigned call = 0;\n";
  std::string ind = "  ";
  auto open = [&](const std::string& header) {
    o << ind << header << " {\n";
    ind += "  ";
  };
  const std::string loop_k = "for (int k0 = 0; k0 < " + S(s.K) + "; k0 += " + S(och) + ")";
  const std::string loop_n = "for (int n = 0; n < " + S(s.N) + "; n++)";
  const std::string loop_r = "for (int r0 = 0; r0 < " + S(s.H) + "; r0 += " + S(R) + ")";
  if (k.wreuse) {
    open(loop_k); open(loop_n); open(loop_r);
  } else {
    open(loop_n); open(loop_r); open(loop_k);
  }
  o << ind << "const int upad = r0 == 0 ? 1 : 0, dpad = r0 + " << R << " == " << s.H << " ? 1 : 0;\n";
  o << ind << "const int8_t* in = &input[n][r0 - 1 + upad][0][0];\n";
  if (k.wreuse) o << ind << "const int8_t* w = n == 0 && r0 == 0 ? &weights[0][0][0][k0] : NULL;\n";
  else o << ind << "const int8_t* w = &weights[0][0][0][k0];\n";
  std::string a_id = "0";
  if (k.dbuf) {
    o << ind << "const int a_id = (call++ & 1) ? 2 : 1;\n";
    a_id = "a_id";
  }
  o << ind << "gemmini_loop_conv_ws(1, " << s.H << ", " << s.W << ", " << s.C << ", " << s.K << ", " << s.H << ", "
    << s.W << ", " << s.H << ", " << s.W << ", 1, 1, 3, 1, 0, 0, 0,\n";
  o << ind << "                     1, " << R << ", " << s.W << ", " << och << ", 3, 3, " << s.C
    << ", 1, 1, upad, dpad, 0, 0, 0, 0, " << R << ", " << s.W << ",\n";
  o << ind << "                     w, &output[n][r0][0][k0], &bias[k0], in,\n";
  o << ind << "                     false, true, false, false, false, RELU, false, false, false, false, 1,\n";
  o << ind << "                     " << s.C << ", " << s.K << ", " << s.K << ", false, " << a_id << ", 0);\n";
  for (int i = 0; i < 3; ++i) {
    ind.resize(ind.size() - 2);
    o << ind << "}\n";
  }
}

}  // namespace

std::string ConvKnobComment(const ConvKnobs& k) {
  char buf[160];
  std::snprintf(buf, sizeof(buf), "// autocomp-tuner conv: loop_conv=%d rows=%d och=%d wreuse=%d dbuf=%d",
                int(k.loop_conv), k.rows, k.och, int(k.wreuse), int(k.dbuf));
  return buf;
}

std::optional<ConvKnobs> ParseConvKnobs(const std::string& code) {
  const size_t at = code.find("// autocomp-tuner conv:");
  if (at == std::string::npos) return std::nullopt;
  ConvKnobs k;
  int lc = 0, wr = 0, db = 0;
  if (std::sscanf(code.c_str() + at, "// autocomp-tuner conv: loop_conv=%d rows=%d och=%d wreuse=%d dbuf=%d", &lc,
                  &k.rows, &k.och, &wr, &db) != 5) {
    return std::nullopt;
  }
  k.loop_conv = lc != 0;
  k.wreuse = wr != 0;
  k.dbuf = db != 0;
  return k;
}

bool ConvKnobsValid(const ConvShape& s, const ConvKnobs& k) {
  if (s.N <= 0 || s.H <= 0 || s.W <= 0 || s.C <= 0 || s.K <= 0 || s.C % kDim || s.K % kDim) return false;
  const int Cb = s.C / kDim, Kb = s.K / kDim;
  if (k.rows < 1 || s.H % k.rows || k.och < 1 || Kb % k.och) return false;
  if (k.loop_conv) {
    if (long(k.rows) * s.W * k.och > kAccHalf) return false;                 // output block in half the accumulator
    const long a = LoopConvInputRows(s, k), b = 9L * s.C * k.och;             // input rows, weight rows
    if (a + b > kSpadHalf) return false;                                      // both in the first half
    return s.W + 2 <= 0xFFFF;
  }
  if (long(k.rows) * k.och * kDim > kAccHalf) return false;                   // the block's accumulator tiles
  const int slots = k.dbuf ? 2 : 1;
  if (long(slots) * k.rows * kDim > kSpadHalf) return false;                  // input tiles
  const long w_rows = k.wreuse ? 9L * Cb * k.och * kDim : long(slots) * k.och * kDim;
  return w_rows <= kSpadHalf;
}

std::string GenerateConv(const ConvShape& s, const ConvKnobs& k, const std::string& signature) {
  std::ostringstream o;
  o << ConvKnobComment(k) << "\n" << signature << " {\n";
  if (k.loop_conv) EmitLoopConv(o, s, k);
  else EmitExplicit(o, s, k);
  o << "  fence();\n}\n";
  return o.str();
}

}  // namespace autocomp::gemmini
