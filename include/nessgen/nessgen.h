/* nessgen: weak-coupling perturbation theory of nonequilibrium steady states
 * of spin-1/2 chains between two heat baths (Ishida & Sugita).  The umbrella
 * header: every public header, lowest layer first. */
#ifndef NESSGEN_H
#define NESSGEN_H

#include "nessgen/error.h"
#include "nessgen/ring.h"
#include "nessgen/expr.h"
#include "nessgen/recon.h"
#include "nessgen/pauli.h"
#include "nessgen/op.h"
#include "nessgen/mat.h"
#include "nessgen/model.h"
#include "nessgen/kernel.h"
#include "nessgen/superop.h"
#include "nessgen/observable.h"
#include "nessgen/pert.h"
#include "nessgen/engine.h"
#include "nessgen/p0l1.h"
#include "nessgen/two_spin.h"
#include "nessgen/hierarchy.h"
#include "nessgen/numerics.h"
#include "nessgen/report.h"
#include "nessgen/emit.h"
#include "nessgen/results.h"
#include "nessgen/figures.h"
#include "nessgen/verify.h"
#include "nessgen/check.h"
#include "nessgen/cli.h"

#define NESSGEN_VERSION "0.1.0"

#endif
