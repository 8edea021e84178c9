/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ak-key.h"

G_BEGIN_DECLS

#define AK_TYPE_KEY_FILTER (ak_key_filter_get_type ())

G_DECLARE_FINAL_TYPE (AkKeyFilter, ak_key_filter, AK, KEY_FILTER, GtkFilter)

AkKeyFilter *ak_key_filter_new                   (void);
GListModel  *ak_key_filter_get_keys              (AkKeyFilter *self);
void         ak_key_filter_set_keys              (AkKeyFilter *self,
                                                  GListModel  *keys);
gboolean     ak_key_filter_get_needs_attention   (AkKeyFilter *self);
void         ak_key_filter_set_needs_attention   (AkKeyFilter *self,
                                                  gboolean     needs_attention);
const char  *ak_key_filter_get_kind              (AkKeyFilter *self);
void         ak_key_filter_set_kind              (AkKeyFilter *self,
                                                  const char  *kind);
const char  *ak_key_filter_get_owner             (AkKeyFilter *self);
void         ak_key_filter_set_owner             (AkKeyFilter *self,
                                                  const char  *owner_id);
const char  *ak_key_filter_get_project           (AkKeyFilter *self);
void         ak_key_filter_set_project           (AkKeyFilter *self,
                                                  const char  *project_id);
gboolean     ak_key_filter_get_active            (AkKeyFilter *self);
guint        ak_key_filter_get_n_needs_attention (AkKeyFilter *self);
void         ak_key_filter_clear                 (AkKeyFilter *self);
void         ak_key_filter_bind_settings         (AkKeyFilter *self,
                                                  GSettings   *settings);

G_END_DECLS
