/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "ak-key.h"
#include "ak-key-choice.h"

G_BEGIN_DECLS

#define AK_TYPE_KEY_LIST (ak_key_list_get_type ())

G_DECLARE_FINAL_TYPE (AkKeyList, ak_key_list, AK, KEY_LIST, GtkWidget)

GtkWidget   *ak_key_list_new                     (void);
GListModel  *ak_key_list_get_model               (AkKeyList   *self);
void         ak_key_list_set_model               (AkKeyList   *self,
                                                  GListModel  *model);
gboolean     ak_key_list_get_show_expiry         (AkKeyList   *self);
void         ak_key_list_set_show_expiry         (AkKeyList   *self,
                                                  gboolean     show_expiry);
gboolean     ak_key_list_get_narrow              (AkKeyList   *self);
void         ak_key_list_set_narrow              (AkKeyList   *self,
                                                  gboolean     narrow);
gboolean     ak_key_list_get_search_mode_enabled (AkKeyList   *self);
void         ak_key_list_set_search_mode_enabled (AkKeyList   *self,
                                                  gboolean     enabled);
const char  *ak_key_list_get_search_text         (AkKeyList   *self);
void         ak_key_list_set_search_text         (AkKeyList   *self,
                                                  const char  *text);
void         ak_key_list_focus_search            (AkKeyList   *self);
AkKey       *ak_key_list_get_selected_key        (AkKeyList   *self);
gboolean     ak_key_list_reveal_key              (AkKeyList   *self,
                                                  AkKey       *key);
guint        ak_key_list_get_n_shown             (AkKeyList   *self);
AkKeyChoice *ak_key_list_get_choice              (AkKeyList   *self);
gboolean     ak_key_list_get_selection_mode      (AkKeyList   *self);
void         ak_key_list_set_selection_mode      (AkKeyList   *self,
                                                  gboolean     selection_mode);
void         ak_key_list_choose_all              (AkKeyList   *self);
void         ak_key_list_sort_by                 (AkKeyList   *self,
                                                  const char  *column,
                                                  gboolean     descending);

G_END_DECLS
