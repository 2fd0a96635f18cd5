/* nessgen: weak-coupling perturbation theory of nonequilibrium steady states
 * of spin-1/2 chains between two heat baths (Ishida & Sugita). */
#ifndef NESSGEN_H
#define NESSGEN_H

#include "nessgen/error.h"
#include "nessgen/op.h"
#include "nessgen/pauli.h"
#include "nessgen/ring.h"

#define NESSGEN_VERSION "0.1.0"

#endif
