/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "ak-key.h"

G_BEGIN_DECLS

#define AK_TYPE_KEY_CHOICE (ak_key_choice_get_type ())

/* The keys a person ticked in selection mode, by identity (kind and ID),
 * over a list of keys that may re-sort and refresh meanwhile. */
G_DECLARE_FINAL_TYPE (AkKeyChoice, ak_key_choice, AK, KEY_CHOICE, GObject)

AkKeyChoice *ak_key_choice_new           (GListModel   *keys);
GListModel  *ak_key_choice_get_keys      (AkKeyChoice  *self);
void         ak_key_choice_set_keys      (AkKeyChoice  *self,
                                          GListModel   *keys);
guint        ak_key_choice_get_n_chosen  (AkKeyChoice  *self);
gboolean     ak_key_choice_get_chosen    (AkKeyChoice  *self,
                                          AkKey        *key);
void         ak_key_choice_set_chosen    (AkKeyChoice  *self,
                                          AkKey        *key,
                                          gboolean      chosen);
void         ak_key_choice_choose_all    (AkKeyChoice  *self,
                                          GListModel   *shown);
void         ak_key_choice_clear         (AkKeyChoice  *self);
GPtrArray   *ak_key_choice_dup_chosen    (AkKeyChoice  *self);

G_END_DECLS
