/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define AK_TYPE_KEY_SEARCH (ak_key_search_get_type ())

G_DECLARE_FINAL_TYPE (AkKeySearch, ak_key_search, AK, KEY_SEARCH, GtkFilter)

AkKeySearch *ak_key_search_new      (void);
const char  *ak_key_search_get_text (AkKeySearch *self);
void         ak_key_search_set_text (AkKeySearch *self,
                                     const char  *text);

G_END_DECLS
