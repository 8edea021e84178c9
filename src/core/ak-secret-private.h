/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "ak-secret.h"

G_BEGIN_DECLS

/* Called once a secret's bytes have been overwritten, just before they are
 * freed, so that a test can see that a secret really was wiped (and that
 * the bytes are zeros) rather than trusting that it was. Not for the app. */
typedef void (*AkSecretWipeHook) (const char *wiped,
                                  gsize       len,
                                  gpointer    user_data);

void _ak_secret_set_wipe_hook (AkSecretWipeHook hook,
                               gpointer         user_data);

G_END_DECLS
