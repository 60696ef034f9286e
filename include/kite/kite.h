// Everything an embedder needs: the IR, the builder, text I/O and the verifier.
#pragma once
#include "kite/builder.h"
#include "kite/diagnostics.h"
#include "kite/ir.h"
#include "kite/text.h"
#include "kite/verify.h"
