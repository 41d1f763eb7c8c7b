// problem.cpp: a Problem's location as a Message ("layer 2 'conv2d_2' (Conv2D),
// kernel_size: ") around its constraint. Problem::layer keeps the 0-based index;
// the sentence counts from 1. Not the sentences themselves: message_codes.h.
#include "core/analysis/problem.h"

#include "core/analysis/layer_kind.h"

namespace convlab {

Message problem_message(const Problem& p) {
    if (p.layer < 0) return p.constraint;
    Message where(MsgCode::WhereLayerNamed,
                  {as_is(p.layer + 1), as_is(p.layer_name), as_is(layer_kind_info(p.kind).class_name)});
    if (p.field == Field::Count) return Message(MsgCode::ProblemAtLayer, {where, p.constraint});
    const Field shown = field_shown_as(p.kind, p.field);
    return Message(MsgCode::Located, {where, Message(MsgCode::Field, {as_is(field_keyword(shown)), p.constraint})});
}

Problem make_problem(int layer, const std::string& layer_name, LayerKind kind, Field field, Message constraint) {
    Problem p;
    p.layer = layer;
    p.layer_name = layer_name;
    p.kind = kind;
    p.field = field;
    p.constraint = std::move(constraint);
    p.message = message_en(problem_message(p));
    return p;
}

}  // namespace convlab
