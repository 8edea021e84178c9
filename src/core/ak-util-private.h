/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Small helpers the app's own files share (core and UI alike); not API. */

gboolean _ak_str_is_blank (const char   *str);
gboolean _ak_set_str      (char        **field,
                           const char   *value);
void     _ak_wipe_bytes   (char         *bytes,
                           gsize         len);

G_END_DECLS
